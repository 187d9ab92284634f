import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { asFitacf, asGrid, asMap, readDmapFile } from '@weatherlearn/tensor-io';
import { sharedDir, SHARED_MISSING } from '@weatherlearn/testkit';
import { decodePng } from '../raster/png.js';
import { svgToPng } from '../raster/rasterize.js';
import { plotConvectionMap } from './convection.js';
import { plotFan } from './fan.js';
import { plotGridVectors } from './grid-vectors.js';
import { plotRtp } from './rtp.js';
import { splitScans } from './scans.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const dir = sharedDir('fixtures/superdarn');
const skip = requirePart('shared', !dir && SHARED_MISSING);

/** Count of distinct colours in a PNG: a blank or one-colour image means nothing was drawn. */
async function colours(svg: string): Promise<number> {
  const img = decodePng(await svgToPng(svg));
  const seen = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4) seen.add((img.data[i]! << 16) | (img.data[i + 1]! << 8) | img.data[i + 2]!);
  return seen.size;
}

test('real FITACF (fhw, 2 h, bz2): RTP of every parameter and a fan plot of one scan', { skip }, async () => {
  const fit = (await readDmapFile(join(dir!, 'wl_20140101.0401.00.fhw.fitacf.bz2'))).records.map(asFitacf);
  for (const parameter of ['v', 'p_l', 'w_l'] as const) {
    const p = plotRtp(fit, { beam: 7, parameter });
    assert.equal(p.records, 120);
    assert.ok((await colours(p.svg)) > 20);
  }
  const scans = splitScans(fit);
  assert.equal(scans.length, 120);
  const fan = plotFan(scans.find((s) => s.reduce((n, r) => n + (r.slist?.length ?? 0), 0) > 20)!, { parameter: 'v' });
  assert.ok(fan.cells > 20);
  assert.ok((await colours(fan.svg)) > 20);
  const small = (await readDmapFile(join(dir!, 'dmap_test.fitacf'))).records.map(asFitacf);
  assert.ok(plotRtp(small, { beam: small[0]!.bmnum! }).records >= 1);
});

test('real GRID files: vectors of the busiest record', { skip }, async () => {
  for (const f of ['dmap_test.grid', 'wl_20090102.00.a.wal.grdmap.bz2']) {
    const recs = (await readDmapFile(join(dir!, f))).records.map(asGrid);
    const busiest = recs.reduce((a, b) => ((b['vector.mlat']?.length ?? 0) > (a['vector.mlat']?.length ?? 0) ? b : a));
    const p = plotGridVectors(busiest);
    assert.ok(p.vectors > 0, f);
    assert.ok((await colours(p.svg)) > 10, f);
  }
});

test('real MAP files: convection maps with contours and pot.drop printed', { skip }, async () => {
  for (const f of ['dmap_test.map.bz2', 'pydarn_test.north.mp']) {
    for (const rec of (await readDmapFile(join(dir!, f))).records) {
      const map = asMap(rec);
      const p = plotConvectionMap(map);
      assert.ok(p.contours >= 4, `${f}: ${p.contours} contour levels`);
      assert.match(p.svg, new RegExp(`file pot.drop ${(map['pot.drop']! / 1000).toFixed(1)} kV`));
      assert.ok((await colours(p.svg)) > 20);
    }
  }
});
