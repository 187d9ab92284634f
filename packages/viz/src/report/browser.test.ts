/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withTempDir } from '@weatherlearn/test-parts';
import { decodePng } from '../raster/png.js';
import { writeRunReport } from './report.js';
import { writeFixtureRun } from './fixture-run.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const CHROMIUM = '/usr/bin/chromium';
const skip = requirePart('chromium', !existsSync(CHROMIUM) && 'needs Debian chromium (apt-get install -y chromium)');

test('the HTML report opens offline in headless Chromium with curves and images drawn', { skip, timeout: 120_000 }, async () => {
  const { chromium } = await import('playwright-core');
  await withTempDir(async (dir) => {
    await writeFixtureRun(dir);
    const { path } = await writeRunReport(dir);
    const profile = mkdtempSync(join(tmpdir(), 'wl-chromium-'));
    // A new empty --user-data-dir: playwright passes the profile folder of a persistent context as it.
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1300, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [], errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
      const drawn = await page.evaluate(() => {
        const curves = [...document.querySelectorAll('#curves g.curve')].map((g) => {
          const r = (g as SVGGElement).getBBox();
          return { metric: g.getAttribute('data-metric'), paths: g.querySelectorAll('path').length, w: r.width, h: r.height };
        });
        const images = [...document.querySelectorAll('#samples image')].map((im) => { const r = im.getBoundingClientRect(); return { w: r.width, h: r.height }; });
        return { curves, images, checkpoints: document.querySelectorAll('#checkpoints td').length, title: document.title };
      });
      assert.deepEqual(errors, []);
      assert.ok(requests.every((u) => u.startsWith('file:') || u.startsWith('data:')), `only local requests: ${requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))}`);
      assert.match(drawn.title, /pangu-lite-test/);
      const loss = drawn.curves.find((c) => c.metric === 'loss')!;
      assert.ok(loss.paths >= 1 && loss.w > 200 && loss.h > 50, `loss curve drawn: ${JSON.stringify(loss)}`);
      assert.ok(drawn.curves.some((c) => c.metric === 'val/rmse' && c.w > 100));
      assert.ok(drawn.images.length >= 6 && drawn.images.every((i) => i.w > 20 && i.h > 5), `sample images laid out: ${JSON.stringify(drawn.images)}`);
      assert.equal(drawn.checkpoints, 3);
      // The screenshot of the sample figure really shows colour images (many distinct colours).
      const shot = await page.locator('#samples figure').first().screenshot();
      writeFileSync(join(dir, 'samples-screenshot.png'), shot);
      const img = decodePng(new Uint8Array(shot));
      const colours = new Set<number>();
      for (let i = 0; i < img.data.length; i += 4) colours.add((img.data[i]! << 16) | (img.data[i + 1]! << 8) | img.data[i + 2]!);
      assert.ok(colours.size > 100, `sample screenshot has ${colours.size} colours`);
      const full = decodePng(new Uint8Array(await page.screenshot({ fullPage: true })));
      assert.ok(full.height > 900);
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
