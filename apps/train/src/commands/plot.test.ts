import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { tensor, writeTensorFile } from '@weatherlearn/tensor-io';
import { sharedDir, SHARED_MISSING } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import { decodePng } from '@weatherlearn/viz';
import { registerPlot } from './plot.js';
import { registerReport } from './report.js';
import type { AppContext } from './types.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [], err: string[] = [];
  const ctx = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {}, isTTY: false } as unknown as AppContext;
  const program = new Command('weatherlearn').exitOverride().configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  registerPlot(program, ctx);
  registerReport(program, ctx);
  const all = (c: Command): void => { c.exitOverride(); c.configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) }); c.commands.forEach(all); };
  all(program);
  try { await program.parseAsync(args, { from: 'user' }); return { code: 0, out, err }; } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, out, err };
    err.push((e as Error).message);
    return { code: 1, out, err };
  }
}

test('plot sample / crop / pca / curves write PNG and SVG; bad flags give clear errors', async () => {
  await withTempDir(async (dir) => {
    const f = join(dir, 's.safetensors');
    const H = 16;
    const pred = tensor('float32', [2, H, H], Float32Array.from({ length: 2 * H * H }, (_, i) => i % 7));
    await writeTensorFile(f, { prediction: pred, truth: tensor('float32', [2, H, H], new Float32Array(2 * H * H).fill(3)), crop: pred });
    let r = await run(['plot', 'sample', f, '--pred', 'prediction', '--truth', 'truth', '-o', join(dir, 'f.png')]);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.ok(decodePng(readFileSync(join(dir, 'f.png'))).width > 600);
    r = await run(['plot', 'sample', f, '-o', join(dir, 'c.svg')]);
    assert.equal(r.code, 1);
    assert.match(r.err.join('\n'), /holds 3 tensors \(crop, prediction, truth\); choose one with --key/);
    r = await run(['plot', 'sample', f, '--key', 'truth', '--names', 'vn,ve', '-o', join(dir, 'c.svg')]);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(readFileSync(join(dir, 'c.svg'), 'utf8'), /data-title="ve"/);
    r = await run(['plot', 'crop', f, '--grid', '4', '-o', join(dir, 'crop.png')]);
    assert.equal(r.code, 0, r.err.join('\n'));
    const e = join(dir, 'e.npz');
    await writeTensorFile(e, { emb: tensor('float32', [20, 5], Float32Array.from({ length: 100 }, (_, i) => Math.sin(i))), label: tensor('float32', [20], Float32Array.from({ length: 20 }, (_, i) => i)) });
    r = await run(['plot', 'pca', e, '--key', 'emb', '--labels', 'label', '-o', join(dir, 'pca.png')]);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(r.out.join('\n'), /PC1 \d+\.\d%/);
    writeFileSync(join(dir, 'metrics.jsonl'), '{"step":0,"loss":1}\n{"step":1,"loss":0.5}\n');
    r = await run(['plot', 'curves', dir, '-o', join(dir, 'curves.svg')]);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(readFileSync(join(dir, 'curves.svg'), 'utf8'), /data-metric="loss" data-points="2"/);
    r = await run(['plot', 'curves', dir, '-o', join(dir, 'curves.jpg')]);
    assert.match(r.err.join('\n'), /curves\.jpg: output must end in \.png or \.svg/);
    r = await run(['plot', 'rtp', f, '--beam', 'x', '-o', 'a.png']);
    assert.notEqual(r.code, 0);
    assert.match(r.err.join('\n'), /--beam must be an integer, got 'x'/);
    r = await run(['plot', 'rtp', f, '--param', 'vel', '-o', 'a.png']);
    assert.match(r.err.join('\n'), /unknown FITACF parameter 'vel' \(valid: v, p_l, w_l, elv\)/);
    r = await run(['plot', 'rtp', f]);
    assert.match(r.err.join('\n'), /required option '-o, --out <file>' not specified/);
  });
});

test('report RUN_DIR writes a self-contained page', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'metrics.jsonl'), '{"step":0,"loss":1}\n{"step":1,"loss":0.5}\n');
    writeFileSync(join(dir, 'hparams.json'), '{"lr":0.001}');
    const r = await run(['report', dir]);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(r.out.join('\n'), /wrote .*report\.html/);
    assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /data-metric="loss"/);
    const bad = await run(['report', join(dir, 'nope')]);
    assert.match(bad.err.join('\n'), /run folder not found/);
    const help = await run(['report', '--help']);
    assert.match(help.out.join(''), /opens offline from disk/);
  });
});

const fixtures = sharedDir('fixtures/superdarn');
test('plot rtp / fan / grid / convection on the real SuperDARN fixtures', { skip: requirePart('shared', !fixtures && SHARED_MISSING) }, async () => {
  await withTempDir(async (dir) => {
    const fit = join(fixtures!, 'wl_20140101.0401.00.fhw.fitacf.bz2');
    for (const [args, want] of [
      [['plot', 'rtp', fit, '--beam', '7', '-o', join(dir, 'rtp.png')], /120 records of beam 7/],
      [['plot', 'fan', fit, '-o', join(dir, 'fan.png')], /scan \d+ at 2014-01-01T/],
      [['plot', 'grid', join(fixtures!, 'wl_20090102.00.a.wal.grdmap.bz2'), '-o', join(dir, 'grid.png')], /record \d+, \d+ vectors/],
      [['plot', 'convection', join(fixtures!, 'pydarn_test.north.mp'), '-o', join(dir, 'map.png')], /Φpc 19\.5 kV \(file pot\.drop 19\.5 kV\)/],
      [['plot', 'map', join(fixtures!, 'dmap_test.map.bz2'), '--record', '1', '-o', join(dir, 'map1.svg')], /Φpc 18\.2 kV \(file pot\.drop 18\.1 kV\)/],
    ] as const) {
      const r = await run([...args]);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.err.join('\n')}`);
      assert.match(r.out.join('\n'), want);
      assert.ok(existsSync(args[args.length - 1]!));
    }
    const r = await run(['plot', 'convection', join(fixtures!, 'dmap_test.map'), '--record', '5', '-o', join(dir, 'x.png')]);
    assert.match(r.err.join('\n'), /--record 5 out of range \(the file has 2 records, 0\.\.1\)/);
  });
});
