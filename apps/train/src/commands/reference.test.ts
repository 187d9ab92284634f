import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync, symlinkSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readNpy, writeNpy } from '@weatherlearn/tensor-io';
import { registerReference, compareOutput, referenceFamilies } from './reference.js';
import { runCommand } from '../testing/run-command.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const REF = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..', '..', '..', 'shared', 'reference', 'pangu');
const needsRef = requirePart('shared', !existsSync(join(REF, 'config.json')) && 'needs ../shared/reference/pangu');

const run = (args: string[]) => runCommand(registerReference, args);

test('reference check passes on the Pangu reference and prints the max abs error per output', { skip: needsRef }, async () => {
  const r = await run(['reference', 'check', REF, '--backend', 'wasm']);
  assert.equal(r.code, 0, r.err.join('\n') + r.out.join('\n'));
  const text = r.out.join('\n');
  assert.match(text, /family pangu/);
  assert.match(text, /output_surface\s+\d\.\d+e-\d+\s+.*ok/);
  assert.match(text, /output_upper\s+\d\.\d+e-\d+\s+.*ok/);
});

test('reference check exits non-zero when an expected output is perturbed beyond the tolerance', { skip: needsRef }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-ref-'));
  try {
    for (const f of readdirSync(REF)) symlinkSync(join(REF, f), join(dir, f));
    rmSync(join(dir, 'output_upper.npy'));
    const t = readNpy(readFileSync(join(REF, 'output_upper.npy')));
    (t.data as Float32Array)[123] += 0.01;
    writeFileSync(join(dir, 'output_upper.npy'), writeNpy(t));
    const r = await run(['reference', 'check', dir, '--backend', 'wasm', '--json']);
    assert.equal(r.code, 1);
    const rep = JSON.parse(r.out.join('\n'));
    assert.equal(rep.ok, false);
    const up = rep.comparisons.find((c: { name: string }) => c.name === 'output_upper');
    assert.ok(up.maxAbsErr > 0.009 && !up.ok);
    assert.equal(rep.comparisons.find((c: { name: string }) => c.name === 'output_surface').ok, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reference check explains a missing config.json, an unknown family and a bad tolerance', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-ref-'));
  try {
    let r = await run(['reference', 'check', dir, '--backend', 'cpu']);
    assert.equal(r.code, 1);
    assert.match(r.err.join('\n'), /config\.json not found/);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ model: 'Something else' }));
    r = await run(['reference', 'check', dir, '--backend', 'cpu']);
    assert.match(r.err.join('\n'), /no known model family matches "model": "Something else"; known families: dino-train, pangu-train, pangu, dino, vit2k/);
    r = await run(['reference', 'check', dir, '--tolerance', 'abc']);
    assert.notEqual(r.code, 0);
    assert.match(r.err.join('\n'), /--tolerance must be a number > 0, got/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('compareOutput uses tolerance × max(1, max|expected|) and fails on NaN or length mismatch', () => {
  const base = { name: 'x', shape: [3] };
  assert.equal(compareOutput({ ...base, actual: new Float32Array([10, 0, 0]), expected: new Float32Array([10.0009, 0, 0]) }, 1e-4).ok, true);
  assert.equal(compareOutput({ ...base, actual: new Float32Array([10, 0, 0]), expected: new Float32Array([10.002, 0, 0]) }, 1e-4).ok, false);
  assert.equal(compareOutput({ ...base, actual: new Float32Array([NaN, 0, 0]), expected: new Float32Array([0, 0, 0]) }, 1e-4).ok, false);
  assert.equal(compareOutput({ ...base, actual: new Float32Array(2), expected: new Float32Array(3) }, 1e-4).ok, false);
  assert.ok('pangu' in referenceFamilies);
});
