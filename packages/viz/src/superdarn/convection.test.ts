import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { asMap, readDmapFile } from '@weatherlearn/tensor-io';
import { sharedDir, SHARED_MISSING } from '@weatherlearn/testkit';
import { requirePart } from '@weatherlearn/test-parts/require-part';
import { plotConvectionMap } from './convection.js';

const dir = sharedDir('fixtures/superdarn');
const skip = requirePart('shared', !dir && SHARED_MISSING);

test('convection map: each contour level is one or few continuous paths; negative ones dashed', { skip }, async () => {
  const map = asMap((await readDmapFile(join(dir!, 'dmap_test.map.bz2'))).records[0]!);
  const p = plotConvectionMap(map, { contourStep: 6000 });
  const group = /<g class="contours">([\s\S]*?)<\/g>/.exec(p.svg)![1]!;
  const paths = [...group.matchAll(/<path ([^>]*)\/>/g)].map((m) => m[1]!);
  const byLevel = new Map<number, string[]>();
  for (const a of paths) {
    const level = Number(/data-level="([^"]+)"/.exec(a)![1]);
    byLevel.set(level, [...(byLevel.get(level) ?? []), a]);
  }
  const negative = [...byLevel].filter(([l]) => l < 0), positive = [...byLevel].filter(([l]) => l > 0);
  assert.ok(negative.length >= 1 && positive.length >= 1, `levels ${[...byLevel.keys()]}`);
  for (const [level, ps] of byLevel) {
    assert.ok(ps.length <= 3, `level ${level}: ${ps.length} paths (segments not joined)`);
    for (const a of ps) {
      assert.equal((a.match(/M/g) ?? []).length, 1, `level ${level}: one subpath per path`);
      assert.ok((a.match(/L/g) ?? []).length > 10, `level ${level}: a polyline, not a segment`);
      assert.equal(/stroke-dasharray/.test(a), level < 0, `level ${level}: dashed iff negative`);
    }
  }
});
