import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFitacfGridPair, type PairEcho } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import { AacgmGeolocator, DatasetFromPresaved } from '@weatherlearn/superdarn';
import { registerSuperdarn } from './superdarn.js';
import { runCommand } from '../testing/run-command.js';

// Issue 22 "FITACF and GRID data share a frame": one scan of one radar written as FITACF and as the
// GRID file RST would make from it (testkit: gate positions by its own spherical geometry, AACGM-v2
// cells), both gridded by the CLI; their observed pixels must coincide with --fitacf-coords aacgm and
// must not with geo.
const run = (args: string[]) => runCommand(registerSuperdarn, args);
const aacgm = new AacgmGeolocator();
const toMagnetic = (lat: number, lon: number, h: number, t: number) => aacgm.convert(lat, lon, h, t);
const N = 90;

/** Frame 0 of a dataset, physical values: channel 0 (velocity) and the coverage mask. */
async function frame0(dir: string): Promise<{ v: Float32Array; on: boolean[] }> {
  const ds = await DatasetFromPresaved.open(dir, { normalize: false });
  try {
    assert.equal(ds.index.frames.length, 2, `${dir}: two windows`);
    const f = await ds.frame(0);
    const C = ds.index.config.channels.indexOf('coverage');
    return { v: f.subarray(0, N * N), on: Array.from(f.subarray(C * N * N, (C + 1) * N * N), (x) => x > 0) };
  } finally { await ds.close(); }
}

const iou = (a: boolean[], b: boolean[]) => {
  let i = 0, u = 0;
  a.forEach((x, k) => { if (x && b[k]) i++; if (x || b[k]) u++; });
  return u ? i / u : 0;
};

async function gridBoth(dir: string, radar: string, lat: [number, number], vel: (b: number) => number): Promise<{ echoes: PairEcho[]; grid: Awaited<ReturnType<typeof frame0>>; mag: Awaited<ReturnType<typeof frame0>>; geo: Awaited<ReturnType<typeof frame0>> }> {
  // two scans 10 min apart (a sample needs an input and a target window); frame 0 is the first scan
  const t0 = Date.UTC(2015, 0, 1, 4, 0);
  const pair = await writeFitacfGridPair(join(dir, 'in0'), { radar, toMagnetic, velocity: vel, start: t0 });
  const next = await writeFitacfGridPair(join(dir, 'in1'), { radar, toMagnetic, velocity: vel, start: t0 + 600_000 });
  const extent = ['--lat-min', String(lat[0]), '--lat-max', String(lat[1]), '--grid-size', String(N), '--split', '1,0,0'];
  const go = async (name: string, input: 'fitacf' | 'grid', extra: string[]) => {
    const r = await run(['superdarn', 'grid', '--input', pair[input], next[input], '--out', join(dir, name), ...extent, ...extra]);
    assert.equal(r.code, 0, r.err.join('\n'));
    return frame0(join(dir, name));
  };
  return {
    echoes: pair.echoes,
    grid: await go('grid', 'grid', ['--channels', 'vel.median,coverage']),
    mag: await go('mag', 'fitacf', ['--channels', 'v,coverage']),
    geo: await go('geo', 'fitacf', ['--channels', 'v,coverage', '--fitacf-coords', 'geo']),
  };
}

for (const c of [
  // band: the site's MLAT (Saskatoon ≈ 61°, TIGER ≈ −55°) moved poleward by the 0.7–2 Mm ground range of gates 10–39
  { radar: 'sas', lat: [50, 90] as [number, number], band: [62, 80] },
  { radar: 'tig', lat: [-90, -40] as [number, number], band: [-75, -57] },
]) {
  test(`superdarn grid: a FITACF scan and its GRID file (${c.radar}) share pixels in AACGM-v2, not in geographic coordinates`, async () => {
    await withTempDir(async (dir) => {
      const vel = (b: number) => (b < 8 ? 300 : -300);
      const { echoes, grid, mag, geo } = await gridBoth(dir, c.radar, c.lat, vel);
      // the GRID file's frame is AACGM-v2 as published (the value of aacgm.test.ts: 60N 0E 300 km 2015-01-01)
      const ref = toMagnetic(60, 0, 300, Date.UTC(2015, 0, 1));
      assert.ok(Math.abs(ref.mlat - 58.2247) < 0.01 && Math.abs(ref.mlon - 81.1761) < 0.01, `${ref.mlat}, ${ref.mlon}`);
      const on = (x: boolean[]) => x.filter(Boolean).length;
      assert.ok(on(grid.on) > 20 && on(mag.on) > 20, `observed pixels: GRID ${on(grid.on)}, FITACF ${on(mag.on)}`);
      // the gates' MLAT band, independently of the CLI
      const mlats = echoes.map((e) => e.mlat);
      assert.ok(Math.min(...mlats) > c.band[0] && Math.max(...mlats) < c.band[1], `MLAT ${Math.min(...mlats).toFixed(1)}..${Math.max(...mlats).toFixed(1)}`);
      const mIou = iou(grid.on, mag.on), gIou = iou(grid.on, geo.on);
      assert.ok(mIou >= 0.8, `IoU GRID vs FITACF (aacgm) ${mIou.toFixed(2)}`);
      assert.ok(gIou < 0.1, `IoU GRID vs FITACF (geo) ${gIou.toFixed(2)}`);
      // velocities agree where both observe: same sign, |Δv| small
      let both = 0, same = 0, dsum = 0;
      for (let p = 0; p < N * N; p++) {
        if (!grid.on[p] || !mag.on[p] || Math.abs(grid.v[p]!) < 150 || Math.abs(mag.v[p]!) < 150) continue;
        both++; if (Math.sign(grid.v[p]!) === Math.sign(mag.v[p]!)) same++; dsum += Math.abs(grid.v[p]! - mag.v[p]!);
      }
      assert.ok(both > 20 && same / both > 0.95, `velocity sign agrees in ${same}/${both} pixels`);
      assert.ok(dsum / both < 60, `mean |Δv| ${(dsum / both).toFixed(0)} m/s`);
    });
  });
}
