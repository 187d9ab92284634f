import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DmapRecord, writeDmap, writeDmapFile } from '@weatherlearn/tensor-io';
import { registerDmap } from './dmap.js';
import { runCommand } from '../testing/run-command.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const run = (args: string[]) => runCommand(registerDmap, args);

function rec(i: number): DmapRecord {
  return new DmapRecord(
    { stid: { type: 'short', value: 64 }, 'time.yr': { type: 'short', value: 2022 }, 'time.mo': { type: 'short', value: 11 },
      'time.dy': { type: 'short', value: 7 }, 'time.hr': { type: 'short', value: 18 }, 'time.mt': { type: 'short', value: 1 },
      'time.sc': { type: 'short', value: i }, big: { type: 'long', value: 2n ** 60n } },
    { v: { type: 'float', dims: [3], data: Float32Array.from([1.5, NaN, -2]) }, slist: { type: 'short', dims: [3], data: Int16Array.from([1, 2, 3]) } },
  );
}

test('dmap dump --json prints one JSON object per record in the range (bz2 file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-dmap-'));
  try {
    const file = join(dir, 'x.fitacf.bz2');
    await writeDmapFile(file, [0, 1, 2, 3, 4].map(rec), { bz2: 1 });
    const r = await run(['dmap', 'dump', file, '--from', '1', '--to', '2', '--json']);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.equal(r.out.length, 2);
    const objs = r.out.map((l) => JSON.parse(l));
    assert.deepEqual(objs.map((o) => o.index), [1, 2]);
    assert.deepEqual(objs[0].scalars['time.sc'], { type: 'short', value: 1 });
    assert.deepEqual(objs[0].arrays.v, { type: 'float', dims: [3], data: [1.5, null, -2] });
    assert.equal(objs[0].scalars.big.value, '1152921504606846976');
    assert.match(objs[0].notes.join(';'), /big: 64-bit integer beyond 2\^53 written as a string/);
    assert.match(objs[0].notes.join(';'), /v: non-finite value\(s\).*null/);
    const text = await run(['dmap', 'dump', file, '--to', '0']);
    assert.match(text.out[0], /^record 0 at byte 0 \(unknown, 2022-11-07T18:01:00.000Z\): 8 scalars, 2 arrays$/);
    assert.ok(text.out.includes('  v (float[3]) = [1.5, NaN, -2]'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('dmap dump: bad flags and corrupt files give clear errors; --lax reports skips', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-dmap-'));
  try {
    const file = join(dir, 'bad.fitacf');
    const good = writeDmap([rec(0), rec(1)]);
    writeFileSync(file, Buffer.concat([good, Buffer.from('garbage!garbage!garbage!')]));
    const strict = await run(['dmap', 'dump', file, '--json']);
    assert.equal(strict.code, 1);
    assert.match(strict.err.join('\n'), /bad\.fitacf: record 2 at byte offset \d+: bad record code/);
    const lax = await run(['dmap', 'dump', file, '--json', '--lax']);
    assert.equal(lax.code, 0);
    assert.equal(lax.out.length, 2);
    assert.match(lax.err.join('\n'), /skipped record 2 at byte \d+ \(24 bytes\)/);
    const flag = await run(['dmap', 'dump', file, '--from', 'x']);
    assert.notEqual(flag.code, 0);
    assert.match(flag.err.join('\n'), /--(from|to) must be an integer >= 0, got/);
    const order = await run(['dmap', 'dump', file, '--from', '3', '--to', '1']);
    assert.match(order.err.join('\n'), /--to 1 is before --from 3/);
    const help = await run(['dmap', 'dump', '--help']);
    assert.match(help.out.join(''), /--from <n>[\s\S]*--json[\s\S]*--lax/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..', 'shared', 'fixtures', 'superdarn');
test('dmap dump on a real MAP fixture', { skip: requirePart('shared', !existsSync(shared) && 'needs ../shared') }, async () => {
  const r = await run(['dmap', 'dump', join(shared, 'dmap_test.map.bz2'), '--from', '1', '--json']);
  assert.equal(r.code, 0, r.err.join('\n'));
  const o = JSON.parse(r.out[0]);
  assert.equal(o.index, 1);
  assert.equal(o.arrays['vector.mlat'].data.length, 196);
  assert.equal(o.scalars['fit.order'].value, 8);
});
