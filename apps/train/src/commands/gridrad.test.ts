import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGoesLikeFile } from '@weatherlearn/testkit';
import { registerGridrad } from './gridrad.js';
import { runCommand } from '../testing/run-command.js';

const run = (args: string[]) => runCommand(registerGridrad, args);

test('gridrad preprocess → to-pt → split → check through the CLI', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-gridrad-cli-'));
  try {
    for (let i = 0; i < 3; i++) await writeGoesLikeFile(join(dir, 'in', `g${i}.nc`), { height: 40, width: 48, seed: i, fillFraction: 0, offDiskCorner: false });
    writeFileSync(join(dir, 'in', 'bad.nc'), 'nope');
    const out = join(dir, 'out');
    const pre = await run(['gridrad', 'preprocess', '--input', join(dir, 'in'), '--output', out, '--checkpoint', join(dir, 'ck'),
      '--workers', '0', '--crop-size', '16', '--patch-size', '8', '--seed', '1', '--json']);
    assert.equal(pre.code, 0, pre.err.join('\n'));
    const s = JSON.parse(pre.out.at(-1)!);
    assert.deepEqual([s.done, s.failed], [3, 1]);
    assert.ok(pre.err.some((l) => /bad\.nc: failed: /.test(l)));
    assert.ok(pre.err.some((l) => /^preprocess 4\/4 items \(100%\) .*ETA 0:00 \(done 3 skipped 0 failed 1, [\d.]+ MB\/s\)$/.test(l)), pre.err.join('\n'));
    const strict = await run(['gridrad', 'preprocess', '--input', join(dir, 'in'), '--output', out, '--checkpoint', join(dir, 'ck'), '--workers', '0', '--crop-size', '16', '--patch-size', '8', '--strict']);
    assert.equal(strict.code, 1);
    assert.match(strict.err.at(-1)!, /1 input file\(s\) failed \(--strict\)/);
    const pt = await run(['gridrad', 'to-pt', '--input', out, '--files-per-chunk', '2']);
    assert.equal(pt.code, 0, pt.err.join('\n'));
    assert.match(pt.out.at(-1)!, /3 put into chunk\(s\) 1, 2/);
    const sp = await run(['gridrad', 'split', '--input', out, '--kind', 'crops']);
    assert.equal(sp.code, 0, sp.err.join('\n'));
    assert.match(sp.out.at(-1)!, /split crops: 2 chunks: kept \d+, rejected \d+/);
    assert.ok(existsSync(join(out, 'split', 'crops.manifest.json')));
    writeFileSync(join(out, 'split', 'crops', 'broken.pt'), 'x');
    const ck = await run(['gridrad', 'check', '--root', join(out, 'split'), '--log', join(dir, 'bad.log'), '--dry-run', '--workers', '0']);
    assert.equal(ck.code, 0, ck.err.join('\n'));
    assert.match(ck.out.at(-1)!, /1 bad \(dry run: nothing changed\)/);
    assert.match(readFileSync(join(dir, 'bad.log'), 'utf8'), /broken\.pt\t/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gridrad: helpful errors for bad flags, and --help', async () => {
  const bad = async (args: string[], re: RegExp) => {
    const r = await run(['gridrad', ...args]);
    assert.notEqual(r.code, 0);
    assert.match(r.err.join('\n'), re);
  };
  const req = ['--input', 'x', '--output', 'y', '--checkpoint', 'z'];
  await bad(['preprocess', '--input', 'x'], /required option '--output <dir>' not specified/);
  await bad(['preprocess', ...req, '--shard', '2/2'], /invalid shard '2\/2'/);
  await bad(['preprocess', ...req, '--workers', 'many'], /--workers must be an integer >= 0, got 'many'/);
  await bad(['preprocess', ...req, '--fill', 'zero'], /Allowed choices are drop, fill, mask, keep/);
  await bad(['preprocess', ...req, '--gridrad-channels', 'top'], /invalid GridRad channel 'top'/);
  await bad(['preprocess', ...req, '--crop-size', '100', '--patch-size', '30'], /--crop-size 100 must be a positive multiple of --patch-size 30/);
  await bad(['split', '--input', 'x'], /required option '--kind <kind>' not specified/);
  await bad(['split', '--input', 'x', '--kind', 'both'], /Allowed choices are crops, patches/);
  await bad(['split', '--input', 'x', '--kind', 'crops', '--max-deviation-factor', 'ten'], /--max-deviation-factor must be a number, got 'ten'/);
  await bad(['check', '--root', 'x'], /required option '--log <file>'/);
  const help = await run(['gridrad', 'preprocess', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out.join(''), /--shard <i\/n>[\s\S]*--fill <policy>[\s\S]*Examples:/);
});
