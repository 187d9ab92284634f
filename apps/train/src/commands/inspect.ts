import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import * as tio from '@weatherlearn/tensor-io';
import type { PtValue, TensorFormat, TensorStats } from '@weatherlearn/tensor-io';
import type { RegisterCommand } from './types.js';

/** What kind of file `inspect` found. */
export type InspectKind = TensorFormat | 'dmap' | 'netcdf';

const DMAP_EXT = /\.(dmap|rawacf|fitacf|fit|fitex|lmfit|dat|grd|grdex|grdmap|grid|map|cnvmap|iqdat|snd|mp)(\.bz2)?$/i;
const NETCDF_EXT = /\.(nc|nc3|nc4|cdf|netcdf|h5|hdf5)$/i;

/** Picks the reader for `path` from its extension, then from its first bytes. */
export async function detectInspectKind(path: string): Promise<InspectKind | undefined> {
  if (NETCDF_EXT.test(path)) return 'netcdf';
  if (DMAP_EXT.test(path)) return 'dmap';
  const fmt = tio.formatFromPath(path);
  if (fmt) return fmt;
  const fh = await open(path, 'r');
  const head = new Uint8Array(16);
  try { await fh.read(head, 0, 16, 0); } finally { await fh.close(); }
  if ((head[0] === 0x43 && head[1] === 0x44 && head[2] === 0x46) || (head[0] === 0x89 && head[1] === 0x48 && head[2] === 0x44 && head[3] === 0x46)) return 'netcdf';
  if (head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) return 'dmap'; // BZh: bzip2-compressed DMAP
  if (head[0] === 1 && head[1] === 0 && head[2] === 1 && head[3] === 0) return 'dmap'; // DMAP record code 0x00010001
  return tio.formatFromBytes(head);
}

/** One tensor in the report: its path in the file and its {@link TensorStats}. */
export interface InspectTensor extends TensorStats { name: string }

/** Tensors nested in a .pt value under dotted names (`a.0.b`, tensor-io's `flattenPtValue`, as `convert` names them). */
export function flattenTensors(v: PtValue): InspectTensor[] {
  return Object.entries(tio.flattenPtValue(v).tensors).map(([name, t]) => ({ name, ...tio.tensorStats(t) }));
}

/** Describes a tensor file (npy, npz, pt, safetensors) as a JSON-able object; read by position, never whole. */
export async function describeTensorFile(path: string, format: TensorFormat): Promise<object> {
  return tio.withFileSource(path, (src) => {
    let tensors: InspectTensor[];
    let metadata: Record<string, string> | undefined;
    if (format === 'pt') tensors = flattenTensors(tio.readPt(src, path));
    else if (format === 'safetensors') {
      const st = tio.readSafetensorsWithMetadata(src, path);
      metadata = st.metadata;
      tensors = flattenTensors(st.tensors);
    } else if (format === 'npz') tensors = flattenTensors(tio.readNpz(src, path));
    else tensors = [{ name: basename(path, extname(path)), ...tio.tensorStats(tio.readNpy(src.read(0, src.size), path)) }];
    return { file: path, format, bytes: src.size, tensors, ...(metadata && Object.keys(metadata).length ? { metadata } : {}) };
  });
}

/**
 * Why a DMAP description means a corrupt file (strict: the error; lax: the skipped regions), or
 * undefined when it is clean. `inspect` prints the report, then exits 1 with this message.
 */
export function dmapCorruption(report: object): string | undefined {
  const r = report as { file?: string; format?: string; error?: { message: string }; skipped?: { index: number; offset: number; reason: string }[] };
  if (r.format !== 'dmap') return undefined;
  if (r.error) return `corrupt DMAP file: ${r.error.message}`;
  if (r.skipped?.length) {
    const s = r.skipped[0]!;
    return `corrupt DMAP file ${r.file}: ${r.skipped.length} region(s) skipped (first: record ${s.index} at byte ${s.offset}: ${s.reason})`;
  }
  return undefined;
}

const fmt = (x: number | null): string => (x === null ? '-' : Number.isInteger(x) ? String(x) : x.toPrecision(6));

/**
 * `weatherlearn inspect FILE [--json] [--lax]`: tensors with dtype, shape and min/max/mean of finite
 * values for .npy/.npz/.pt/.safetensors; DMAP and netCDF files are described by the tensor-io
 * `describeDmapFile` / `describeNetcdfFile` functions.
 */
export const registerInspect: RegisterCommand = (program, ctx) => {
  program
    .command('inspect')
    .description('describe a tensor, DMAP or netCDF file: dtypes, shapes, value ranges, records')
    .argument('<file>', '.npy, .npz, .pt, .safetensors, DMAP (.rawacf/.fitacf/.grdmap/.cnvmap[.bz2]) or netCDF (.nc)')
    .option('--json', 'print one JSON object')
    .option('--lax', 'DMAP: keep going past corrupt records and report them (default: stop at the first)')
    .addHelpText('after', `
Statistics (min/max/mean) cover finite values only; 'valid' counts them. A corrupt or truncated
DMAP file is described as far as it can be read, then the command exits with status 1.
Examples:
  weatherlearn inspect weights.pt
  weatherlearn inspect 20150308.fitacf.bz2 --lax --json`)
    .action(async (file: string, opts: { json?: boolean; lax?: boolean }) => {
      const kind = await detectInspectKind(file);
      let report: object;
      if (kind === 'dmap' || kind === 'netcdf') {
        // Provided by tensor-io parts B (DMAP) and C (netCDF); looked up at run time so that this
        // command keeps working for tensor files in builds without them.
        const api = tio as unknown as Record<string, unknown>;
        const fnName = kind === 'dmap' ? 'describeDmapFile' : 'describeNetcdfFile';
        const fn = api[fnName];
        if (typeof fn !== 'function') throw new Error(`${kind} support (${fnName}) is not available in this build of @weatherlearn/tensor-io`);
        report = kind === 'dmap'
          ? await (fn as (p: string, o: { strict: boolean }) => Promise<object>)(file, { strict: !opts.lax })
          : await (fn as (p: string) => Promise<object>)(file);
      } else if (kind) {
        if (opts.lax) throw new Error('--lax applies to DMAP files only');
        report = await describeTensorFile(file, kind);
      } else {
        throw new Error(`cannot tell the format of '${file}' (expected .npy, .npz, .pt, .safetensors, DMAP or netCDF)`);
      }
      if (opts.json || kind === 'dmap' || kind === 'netcdf') {
        ctx.out(JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), opts.json ? 2 : 1));
        const corrupt = dmapCorruption(report);
        if (corrupt) throw new Error(corrupt);
        return;
      }
      const r = report as { file: string; format: string; bytes: number; tensors: InspectTensor[]; metadata?: Record<string, string> };
      ctx.out(`${r.file}: ${r.format}, ${r.bytes} bytes, ${r.tensors.length} tensor${r.tensors.length === 1 ? '' : 's'}`);
      if (r.metadata) ctx.out(`metadata: ${JSON.stringify(r.metadata)}`);
      const rows = r.tensors.map((t) => [t.name, t.dtype, `[${t.shape.join(', ')}]`, fmt(t.min), fmt(t.max), fmt(t.mean), t.valid === t.count ? '' : `${t.valid}/${t.count} valid`]);
      const head = ['name', 'dtype', 'shape', 'min', 'max', 'mean', ''];
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
      for (const row of [head, ...rows]) ctx.out(row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
    });
};
