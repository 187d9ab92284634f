import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeGoesLikeFile, writeSyntheticGridFile } from '@weatherlearn/testkit';
import type { DemoPreset } from './presets.js';

/** Where {@link generateDemoData} put the raw files. */
export interface DemoRawData {
  /** Folder of SuperDARN GRID day files (`YYYYMMDD.north.grdmap`). */
  superdarn: string;
  /** Folder of GOES-like netCDF-4 files. */
  goes: string;
  files: string[];
}

/** First day of the generated SuperDARN records (UTC). */
export const DEMO_START = Date.UTC(2014, 0, 1);

/**
 * Writes the demo's raw instrument files with `@weatherlearn/testkit`: a SuperDARN GRID file
 * (real DMAP; 2-minute records from the synthetic northern radars following a two-cell convection
 * pattern whose strength drifts) and GOES-16-like netCDF-4 files (scaled ushort IR brightness
 * temperature and visible reflectance with convective cells), all seeded.
 */
export async function generateDemoData(root: string, p: DemoPreset, seed: number, log: (line: string) => void): Promise<DemoRawData> {
  const superdarn = join(root, 'superdarn'), goes = join(root, 'goes');
  await mkdir(superdarn, { recursive: true });
  await mkdir(goes, { recursive: true });
  const files = [await writeSyntheticGridFile(superdarn, { seed, start: DEMO_START, hours: p.superdarnHours, kind: 'grid' })];
  log(`generated ${files[0]} (${p.superdarnHours} h of 2-minute GRID records)`);
  for (let k = 0; k < p.goesFiles; k++) {
    const name = `OR_ABI-L2-demo_s2019${String(120 + k).padStart(3, '0')}1200.nc`;
    const f = await writeGoesLikeFile(join(goes, name), { seed: seed * 1000 + k, height: p.goesHeight, width: p.goesWidth, fillFraction: 0, offDiskCorner: false, cells: 6 });
    files.push(f.path);
  }
  log(`generated ${p.goesFiles} GOES-like netCDF-4 files (${p.goesHeight}×${p.goesWidth}) in ${goes}`);
  return { superdarn, goes, files };
}
