import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '@weatherlearn/test-parts';
import { buildRunReport, writeRunReport } from './report.js';
import { writeFixtureRun } from './fixture-run.js';

test('the run report holds config, curves, sample predictions and checkpoints, and nothing external', async () => {
  await withTempDir(async (dir) => {
    await writeFixtureRun(dir);
    const { path, warnings } = await writeRunReport(dir);
    assert.deepEqual(warnings, []);
    const html = readFileSync(path, 'utf8');
    assert.match(html, /<h1>Training run: pangu-lite-test<\/h1>/);
    assert.match(html, /Configuration \(hparams\.json\)/);
    assert.match(html, /&quot;lr&quot;: 0\.0005/);
    assert.match(html, /21 logged steps/);
    assert.match(html, /data-metric="loss" data-points="21"/);
    assert.match(html, /data-metric="val\/rmse" data-points="5"/);
    assert.match(html, /channel 0: truth/);
    assert.match(html, /checkpoints\/epoch-0001\.safetensors<\/td><td>1\.2 KiB/);
    assert.match(html, /best_val_rmse/);
    // Self-contained: no http(s) URL but the SVG namespace names, no external src/href (data: URIs only).
    assert.doesNotMatch(html.replace(/xmlns(:xlink)?="[^"]*"/g, ''), /https?:\/\//);
    for (const m of html.matchAll(/\b(?:src|href)="([^"]*)"/g)) assert.match(m[1]!, /^data:image\/png;base64,/);
  });
});

test('a bad sample file or metrics line becomes a warning on the page', async () => {
  await withTempDir(async (dir) => {
    await writeFixtureRun(dir);
    writeFileSync(join(dir, 'samples', 'broken.npy'), 'not a tensor');
    writeFileSync(join(dir, 'metrics.jsonl'), '{"step":0,"loss":1}\n{broken\n');
    const { html, warnings } = await buildRunReport(dir);
    assert.equal(warnings.length, 2);
    assert.match(warnings.join('\n'), /metrics\.jsonl:2: not JSON/);
    assert.match(warnings.join('\n'), /broken\.npy/);
    assert.match(html, /id="warnings"/);
  });
  await assert.rejects(buildRunReport('/nonexistent/run'), /run folder not found: \/nonexistent\/run/);
});
