import { open } from 'node:fs/promises';
import { dmapRecordKind, readDmapRecords, type DmapKind, type DmapSource } from '@weatherlearn/tensor-io';

/** What a step needs: fitted per-gate data, GRID/MAP vectors, or MAP (convection) records. */
export type SuperdarnNeed = 'fitacf' | 'vectors' | 'map' | 'grid';

const NAMES: Record<DmapKind, string> = {
  rawacf: 'RAWACF', fitacf: 'FITACF', grid: 'GRID', map: 'MAP', snd: 'SND', iqdat: 'IQDAT', unknown: 'unrecognised DMAP',
};

/** Upper-case display name of a kind (RAWACF, FITACF, GRID, MAP, SND, IQDAT). */
export function kindName(kind: DmapKind): string {
  return NAMES[kind];
}

/**
 * Why a file of `kind` (recognised from its content) cannot serve `need`, in words a user can act
 * on; undefined when it can. GRID and MAP both carry vectors; a MAP is needed for convection maps.
 */
export function unsuitableReason(kind: DmapKind, need: SuperdarnNeed): string | undefined {
  const ok: Record<SuperdarnNeed, DmapKind[]> = { fitacf: ['fitacf'], vectors: ['grid', 'map'], map: ['map'], grid: ['grid', 'map'] };
  if (ok[need].includes(kind)) return undefined;
  if (kind === 'rawacf') {
    return need === 'fitacf'
      ? 'RAWACF has no fitted velocities; use FITACF (the output of make_fit)'
      : 'RAWACF has no fitted velocities; use GRID/MAP files (or FITACF with --channels v,p_l,w_l)';
  }
  if (kind === 'unknown') return 'not a SuperDARN data file (no time fields in its first record)';
  if (kind === 'snd' || kind === 'iqdat') return `${NAMES[kind]} data has no fitted velocities; use ${need === 'fitacf' ? 'FITACF' : 'GRID/MAP'} files`;
  if (need === 'fitacf') return `${NAMES[kind]} file, but FITACF is needed here (FITACF channels/plots need per-gate fitted data)`;
  if (need === 'map') return `${NAMES[kind]} file, but a MAP (convection map, map_potential output) is needed here`;
  return `FITACF file, but GRID/MAP vectors are needed here; grid FITACF with --channels v,p_l,w_l, or pass GRID/MAP files`;
}

/** Result of {@link sniffSuperdarnKind}. */
export interface SniffResult {
  /** Kind of the first record (undefined when none could be read). */
  kind?: DmapKind;
  /** Why the file could not be read, when it could not. */
  error?: string;
}

/**
 * Recognises a SuperDARN DMAP file by its content: parses only the first record (plain or bzip2,
 * decompressing only the first block) and classifies it by its fields. Never throws for bad data.
 */
export async function sniffSuperdarnKind(source: DmapSource, name?: string): Promise<SniffResult> {
  try {
    for await (const rec of readDmapRecords(source, { name: name ?? (typeof source === 'string' ? source : '<buffer>') })) {
      return { kind: dmapRecordKind(rec) };
    }
    return { error: 'no records (empty file)' };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * True when a file's first bytes look like DMAP (record code 01 00 01 00) or bzip2 (`BZh`): the
 * cheap test used to pick up extension-less or RST-named files (`.grdex`, `.fitex`, …) in folders.
 */
export async function looksLikeDmap(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  const b = new Uint8Array(8);
  try { await fh.read(b, 0, 8, 0); } finally { await fh.close(); }
  if (b[0] === 0x42 && b[1] === 0x5a && b[2] === 0x68) return true;
  return b[0] === 1 && b[1] === 0 && b[2] === 1 && b[3] === 0;
}
