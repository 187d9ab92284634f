import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticFitacfFiles, writeSyntheticGridFile } from '@weatherlearn/testkit';
import { DatasetFromPresaved } from '@weatherlearn/superdarn';
import { registerSuperdarn } from './superdarn.js';
import { runCommand } from '../testing/run-command.js';

const run = (args: string[]) => runCommand(registerSuperdarn, args);

test('superdarn grid writes a dataset folder DatasetFromPresaved reads; --help and bad flags are explained', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-sd-cli-'));
  try {
    const file = await writeSyntheticGridFile(join(dir, 'in'), { hours: 2, bz2: true });
    const r = await run(['superdarn', 'grid', '--input', file, '--out', join(dir, 'ds'), '--grid-size', '20', '--window-minutes', '10',
      '--method', 'grid', '--channels', 'vel.median,count', '--split', '1,0,0']);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(r.out.join('\n'), /wrote .*ds: 12 frames of \[2, 20, 20\] in 1 shard\(s\), 11 samples/);
    const ds = await DatasetFromPresaved.open(join(dir, 'ds'));
    assert.equal(ds.length, 11);
    assert.deepEqual(ds.index.config.channels, ['vel.median', 'count']);
    await ds.close();
    const flat = await run(['superdarn', 'grid', '--input', join(dir, 'in'), '--out', join(dir, 'flat'), '--method', 'flat', '--split', '1,0,0']);
    assert.equal(flat.code, 0, flat.err.join('\n'));
    assert.match(flat.out.join('\n'), /\[6, 90360\]/);

    const help = await run(['superdarn', 'grid', '--help']);
    assert.match(help.out.join(''), /--window-minutes <w>/);
    assert.match(help.out.join(''), /Examples:/);
    const bad = await run(['superdarn', 'grid', '--input', file, '--out', join(dir, 'x'), '--grid-size', 'big']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.err.join(''), /--grid-size must be an integer >= 1, got 'big'/);
    const badCh = await run(['superdarn', 'grid', '--input', file, '--out', join(dir, 'x'), '--channels', 'vel.median,speed']);
    assert.match(badCh.err.join(''), /unknown channel 'speed'/);
    const missing = await run(['superdarn', 'grid', '--input', join(dir, 'nope'), '--out', join(dir, 'x')]);
    assert.match(missing.err.join(''), /--input .*nope: no such file or folder/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('superdarn filelists + maps write JSON; mirror rejects a bad URL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-sd-cli-'));
  try {
    await writeSyntheticFitacfFiles(join(dir, 'fit'), { radars: ['sas', 'pgr', 'inv'], minutes: 6 });
    await writeSyntheticGridFile(join(dir, 'maps'), { kind: 'map', start: Date.UTC(2014, 0, 1, 3), hours: 4 });
    const lists = join(dir, 'lists.json');
    const r = await run(['superdarn', 'filelists', join(dir, 'fit'), '--out', lists]);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(r.out[0], /^1 windows with ≥ 3 radars/);
    assert.equal(JSON.parse(readFileSync(lists, 'utf8')).windows[0].files.length, 3);
    const m = await run(['superdarn', 'maps', '--filelists', lists, '--map-folder', join(dir, 'maps'), '--out', join(dir, 'maps.json')]);
    assert.equal(m.code, 0, m.err.join('\n'));
    assert.match(m.out[0], /^1 of 1 windows have maps/);
    const bad = await run(['superdarn', 'mirror', 'http://nope', join(dir, 'm')]);
    assert.match(bad.err.join(''), /not an s3:\/\/bucket/);
    const top = await run(['superdarn', '--help']);
    for (const c of ['filelists', 'maps', 'grid', 'presave', 'merge', 'mirror']) assert.match(top.out.join(''), new RegExp(`\\b${c}\\b`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('superdarn grid --shard i/n (as hpc job arrays pass it) + merge = one unsharded run, byte for byte', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-sd-cli-'));
  try {
    await writeSyntheticGridFile(join(dir, 'in'), { hours: 3 });
    const flags = ['--input', join(dir, 'in'), '--grid-size', '16', '--split', '0.6,0.2,0.2', '--split-block-minutes', '30', '--shard-size', '3'];
    const one = await run(['superdarn', 'grid', ...flags, '--out', join(dir, 'one')]);
    assert.equal(one.code, 0, one.err.join('\n'));
    const out = join(dir, 'sharded');
    for (const i of [0, 2]) {
      const r = await run(['superdarn', 'grid', ...flags, '--out', out, '--shard', `${i}/3`]);
      assert.equal(r.code, 0, r.err.join('\n'));
      assert.match(r.out.join('\n'), new RegExp(`shard ${i}/3: files \\d+–\\d+, \\d+ frames[\\s\\S]*waiting for the other shards`));
    }
    const early = await run(['superdarn', 'merge', '--out', out]);
    assert.equal(early.code, 1);
    assert.match(early.err.join(''), /missing shard\(s\) 1\/3 .*1-of-3\.json/);
    const last = await run(['superdarn', 'grid', ...flags, '--out', out, '--shard', '1/3']);
    assert.equal(last.code, 0, last.err.join('\n'));
    assert.match(last.out.join('\n'), /all 3 shards done, merged: wrote .*sharded: \d+ frames of \[6, 16, 16\] in \d+ shard\(s\)/);
    const names = readdirSync(join(dir, 'one')).sort();
    assert.deepEqual(readdirSync(out).sort(), names);
    assert.ok(names.length > 3);
    for (const n of names) assert.ok(readFileSync(join(dir, 'one', n)).equals(readFileSync(join(out, n))), `${n} differs`);
    assert.ok(!existsSync(join(out, '.shards')));

    for (const [bad, why] of [['3/3', /--shard: invalid shard '3\/3': need 0 ≤ i < n/], ['a/b', /--shard: invalid shard 'a\/b': expected i\/n/]] as const) {
      const r = await run(['superdarn', 'grid', ...flags, '--out', join(dir, 'x'), '--shard', bad]);
      assert.notEqual(r.code, 0);
      assert.match(r.err.join(''), why);
    }
    const p = await run(['superdarn', 'presave', '--source', join(dir, 'in'), '--out', join(dir, 'p'), '--shard', '0/1', '--grid-size', '16', '--split', '0.6,0.2,0.2', '--split-block-minutes', '30']);
    assert.equal(p.code, 0, p.err.join('\n'));
    assert.match(p.out.join('\n'), /all 1 shards done, merged/);
    const help = await run(['superdarn', 'grid', '--help']);
    assert.match(help.out.join(''), /--shard <i\/n>/);
    assert.match(help.out.join(''), /SLURM_ARRAY_TASK_ID/);
    const mhelp = await run(['superdarn', 'merge', '--help']);
    assert.match(mhelp.out.join(''), /byte-identical/);
    const none = await run(['superdarn', 'merge', '--out', join(dir, 'nothing')]);
    assert.match(none.err.join(''), /no shard markers in .*nothing.*\.shards/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
