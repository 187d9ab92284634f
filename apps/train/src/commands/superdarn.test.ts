import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
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
    assert.match(flat.out.join('\n'), /\[5, 90360\]/);

    const help = await run(['superdarn', 'grid', '--help']);
    assert.match(help.out.join(''), /--window-minutes <w>/);
    assert.match(help.out.join(''), /Examples:/);
    const bad = await run(['superdarn', 'grid', '--input', file, '--out', join(dir, 'x'), '--grid-size', 'big']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.err.join(''), /--grid-size must be a positive integer, got 'big'/);
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
    for (const c of ['filelists', 'maps', 'grid', 'presave', 'mirror']) assert.match(top.out.join(''), new RegExp(`\\b${c}\\b`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
