/**
 * Kill -9 half way, rerun: the outputs equal an uninterrupted run byte for byte, with no duplicate
 * checkpoint lines and no partial (temp) files. For preprocess (2 workers), to-pt and split.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTempDir } from '@weatherlearn/test-parts';
import { processDirectoryTree } from '../src/process-directory-tree.js';
import { processNpzFilesProgressive } from '../src/npz-to-pt.js';
import { processAllChunksToIndividualFiles } from '../src/split.js';
import { readCheckpoint } from '../src/checkpoint.js';
import { hashTree, writeSmallGoesTree } from './helpers/hash.js';

const HELPER = join(dirname(fileURLToPath(import.meta.url)), 'helpers', 'kill-run.ts');
const noTemp = (rel: string): boolean => !rel.endsWith('.tmp');

function killRun(step: string, options: object, killAfter: number): void {
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', HELPER, step, JSON.stringify(options), String(killAfter)], { encoding: 'utf8', timeout: 180_000 });
  assert.equal(r.signal, 'SIGKILL', `the ${step} child should have been killed (status ${r.status}): ${r.stdout}${r.stderr}`);
}

function tempFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else if (n.endsWith('.tmp')) out.push(p); } };
  walk(dir);
  return out;
}

test('kill -9 during preprocess (2 workers), to-pt and split; reruns equal uninterrupted runs', { timeout: 600_000 }, async () => {
  await withTempDir(async (dir) => {
    const N = 8;
    await writeSmallGoesTree(join(dir, 'in'), N);
    const pre = { input: join(dir, 'in'), cropSize: 16, patchSize: 8, seed: 3 };
    // Reference: uninterrupted, in-process.
    const ref = join(dir, 'ref');
    await processDirectoryTree({ ...pre, output: ref, checkpoint: join(dir, 'ref.ck'), workers: 0 });
    await processNpzFilesProgressive({ input: ref, filesPerChunk: 3 });
    await processAllChunksToIndividualFiles({ input: ref, kind: 'patches' });

    // preprocess: killed after 3 of 8 files, then resumed.
    const out = join(dir, 'out'), ck = join(dir, 'out.ck');
    killRun('preprocess', { ...pre, output: out, checkpoint: ck, workers: 2 }, 3);
    const before = readCheckpoint(ck).length;
    assert.ok(before >= 3 && before < N, `checkpoint after the kill has ${before} lines`);
    const s = await processDirectoryTree({ ...pre, output: out, checkpoint: ck, workers: 2 });
    assert.equal(s.resumed, before);
    assert.equal(s.done, N - before);
    const lines = readCheckpoint(ck);
    assert.equal(lines.length, N);
    assert.equal(new Set(lines).size, N, 'no duplicate checkpoint lines');
    assert.deepEqual(tempFiles(out), []);
    assert.deepEqual(hashTree(out), hashTree(ref, (r) => r.endsWith('.npz')));

    // to-pt: 3 files per chunk; killed after 4 files read (chunk 1 written, chunk 2 in progress).
    killRun('to-pt', { input: out, filesPerChunk: 3 }, 4);
    assert.equal(readCheckpoint(join(out, 'to-pt.checkpoint')).length, 1);
    const t = await processNpzFilesProgressive({ input: out, filesPerChunk: 3 });
    assert.deepEqual(t.chunks, [2, 3]);
    assert.deepEqual(tempFiles(out), []);
    const ptFiles = (r: string): boolean => /^(Crops|Patches)\//.test(r) || r === 'to-pt.checkpoint';
    assert.deepEqual(hashTree(out, ptFiles), hashTree(ref, ptFiles));

    // split: killed after 1 of 3 chunks written.
    killRun('split', { input: out, kind: 'patches' }, 1);
    const sp = await processAllChunksToIndividualFiles({ input: out, kind: 'patches' });
    assert.equal(sp.resumedChunks, 1);
    assert.deepEqual(tempFiles(out), []);
    const split = hashTree(join(out, 'split'), noTemp);
    assert.ok(Object.keys(split).length > 3);
    assert.deepEqual(split, hashTree(join(ref, 'split')));
  });
});
