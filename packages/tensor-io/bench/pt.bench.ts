/**
 * PyTorch .pt and safetensors read/write throughput on ~64 MB of float32 split over 64 tensors
 * (a state dict). Run with `npm run bench -- --filter pt`.
 */
import { readStateDict } from '../src/pt/state-dict.js';
import { writePt } from '../src/pt/write.js';
import { readSafetensors, writeSafetensors } from '../src/safetensors/safetensors.js';
import { tensor, type Tensor } from '../src/tensor.js';

function timeIt(fn: () => void, minMs = 300): number {
  fn();
  let n = 0;
  const t0 = performance.now();
  do { fn(); n++; } while (performance.now() - t0 < minMs);
  return (performance.now() - t0) / n / 1000;
}

export default async function (): Promise<{ name: string; value: number; unit: string }[]> {
  const per = 2 ** 18; // 64 tensors × 256 Ki float32 = 64 MiB
  const dict: Record<string, Tensor> = {};
  for (let k = 0; k < 64; k++) {
    const d = new Float32Array(per);
    for (let i = 0; i < per; i++) d[i] = (i % 977) * 0.01 + k;
    dict[`layers.${k}.weight`] = tensor('float32', [512, per / 512], d);
  }
  const mb = (64 * per * 4) / 1e6;
  const pt = writePt(dict);
  const st = writeSafetensors(dict);
  return [
    { name: 'pt write (64 MB float32 state dict)', value: mb / timeIt(() => writePt(dict)), unit: 'MB/s' },
    { name: 'pt read (64 MB float32 state dict, CRC checked)', value: mb / timeIt(() => readStateDict(pt)), unit: 'MB/s' },
    { name: 'pt read (CRC skipped)', value: mb / timeIt(() => readStateDict(pt, '<pt>', { checkCrc: false })), unit: 'MB/s' },
    { name: 'safetensors write (64 MB float32)', value: mb / timeIt(() => writeSafetensors(dict)), unit: 'MB/s' },
    { name: 'safetensors read (64 MB float32)', value: mb / timeIt(() => readSafetensors(st)), unit: 'MB/s' },
  ];
}
