/**
 * Writes files with OUR writers into the folder given as the first argument, for
 * `make_golden.py --check-ours` to load with numpy and torch. Not a test; run by that script.
 */
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { writeNpy } from '../../src/npy/npy.js';
import { writeNpz } from '../../src/npz/npz.js';
import { writePt } from '../../src/pt/write.js';
import { writeSafetensors } from '../../src/safetensors/safetensors.js';
import { writeTensorFile } from '../../src/formats/file.js';
import { patternTensor } from './golden.js';
import { tensor, type DType, type Tensor } from '../../src/tensor.js';

const out = process.argv[2];
if (!out) throw new Error('usage: write_ours.ts OUTDIR');
mkdirSync(out, { recursive: true });

const NP: DType[] = ['bool', 'uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'uint64', 'int64', 'float16', 'float32', 'float64'];
const PT: DType[] = ['float16', 'bfloat16', 'float32', 'float64', 'int8', 'int16', 'int32', 'int64', 'uint8', 'bool'];

const npDict: Record<string, Tensor> = {};
for (const dt of NP) {
  npDict[dt] = patternTensor(dt, [2, 3]);
  writeFileSync(join(out, `ours_${dt}.npy`), writeNpy(npDict[dt]!));
}
writeFileSync(join(out, 'ours_stored.npz'), writeNpz(npDict));
writeFileSync(join(out, 'ours_deflated.npz'), writeNpz(npDict, { compress: true }));

const shared = patternTensor('float32', [4]);
const dtypes = Object.fromEntries(PT.map((dt) => [dt, patternTensor(dt, [3, 2])]));
writeFileSync(join(out, 'ours.pt'), writePt({
  dtypes,
  nested: { list: [patternTensor('int64', [2]), 'two', 3], big: 2n ** 60n, none: null, flag: true, neg: -70000 },
  shared_a: shared, shared_b: shared,
  // A view into a larger buffer: only its own 3 elements may be stored.
  slice: tensor('float64', [3], new Float64Array([9, 8, 7, 6, 5, 4]).subarray(2, 5)),
}));
await writeTensorFile(join(out, 'ours_state_dict.pt'), { weight: patternTensor('float32', [2, 3]), bias: patternTensor('float32', [2]) });
writeFileSync(join(out, 'ours.safetensors'), writeSafetensors({ w: patternTensor('float32', [6]), b: patternTensor('bfloat16', [2]) }, { by: 'weatherlearn' }));
console.log(`write_ours: wrote files to ${out}`);
