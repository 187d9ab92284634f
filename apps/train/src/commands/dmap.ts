import {
  DmapError, dmapRecordKind, dmapRecordToJson, readDmapRecords, recordTime, type DmapRecord, type DmapSkipped,
} from '@weatherlearn/tensor-io';
import { intArg } from '../cli-args.js';
import type { RegisterCommand } from './types.js';

/** Options of `weatherlearn dmap dump`. */
export interface DmapDumpOptions {
  from: number;
  to?: number;
  json?: boolean;
  lax?: boolean;
}

function preview(data: ArrayLike<unknown>, max = 8): string {
  const items = Array.from({ length: Math.min(max, data.length) }, (_, i) => String(data[i]));
  return `[${items.join(', ')}${data.length > max ? `, … (${data.length} values)` : ''}]`;
}

function describe(rec: DmapRecord): string[] {
  let when = '';
  try { when = `, ${recordTime(rec).toISOString()}`; } catch (e) { if (!(e instanceof DmapError)) throw e; }
  const { scalars, arrays } = rec.names();
  const lines = [`record ${rec.index} at byte ${rec.offset} (${dmapRecordKind(rec)}${when}): ${scalars.length} scalars, ${arrays.length} arrays`];
  for (const [name, s] of Object.entries(rec.scalars)) lines.push(`  ${name} (${s.type}) = ${typeof s.value === 'string' ? JSON.stringify(s.value) : String(s.value)}`);
  for (const [name, a] of Object.entries(rec.arrays)) lines.push(`  ${name} (${a.type}[${a.dims.join('][')}]) = ${preview(a.data)}`);
  return lines;
}

/**
 * `weatherlearn dmap dump FILE [--from N --to M] [--json] [--lax]`: prints the records of a
 * SuperDARN DMAP file (plain or bzip2), one JSON object per line with --json.
 */
export const registerDmap: RegisterCommand = (program, ctx) => {
  const dmap = program.command('dmap').description('SuperDARN DMAP files (RAWACF, FITACF, GRID, MAP; plain or .bz2)');
  dmap
    .command('dump')
    .description('print the records of a DMAP file')
    .argument('<file>', 'DMAP file (.rawacf, .fitacf, .grdmap, .cnvmap, …; bzip2 detected by content)')
    .option('--from <n>', 'first record to print (0-based, inclusive)', intArg('--from', { min: 0 }), 0)
    .option('--to <n>', 'last record to print (0-based, inclusive; default: the last)', intArg('--to', { min: 0 }))
    .option('--json', 'one JSON object per record and line: {index, offset, scalars, arrays, notes?}')
    .option('--lax', 'skip corrupt records (reported on stderr) instead of stopping at the first')
    .addHelpText('after', `
Arrays are printed row-major with their dims (the on-disk order reversed, as pyDARNio shows them).
In JSON, NaN/Infinity become null and 64-bit integers beyond 2^53 become strings; each such
record gets a "notes" list saying so.
Examples:
  weatherlearn dmap dump 20140101.0401.00.fhw.fitacf.bz2 --to 2
  weatherlearn dmap dump 20090102.grdmap.bz2 --from 100 --to 100 --json`)
    .action(async (file: string, opts: DmapDumpOptions) => {
      if (opts.to !== undefined && opts.to < opts.from) throw new Error(`--to ${opts.to} is before --from ${opts.from}`);
      const onSkip = (s: DmapSkipped): void => ctx.err(`skipped record ${s.index} at byte ${s.offset} (${s.length} bytes): ${s.reason}`);
      let printed = 0;
      for await (const rec of readDmapRecords(file, { mode: opts.lax ? 'lax' : 'strict', onSkip })) {
        const i = rec.index!;
        if (i < opts.from) continue;
        if (opts.to !== undefined && i > opts.to) break;
        if (opts.json) ctx.out(JSON.stringify(dmapRecordToJson(rec)));
        else for (const line of describe(rec)) ctx.out(line);
        printed++;
      }
      if (printed === 0) ctx.err(`no records in range ${opts.from}..${opts.to ?? 'end'} of ${file}`);
    });
};
