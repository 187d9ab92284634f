import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RadarHardware } from './hardware.js';
import { SuperdarnDataError } from '../errors.js';

/**
 * Parses a hardware table: either JSON (an array of {@link RadarHardware} objects) or the RST text
 * format (`hdw.dat.<code>`: `#` comments, one row per epoch with 22 whitespace-separated fields:
 * stid status YYYYMMDD HH:MM:SS lat lon alt boresight bmoff bmsep vsign psign tdiff tdiff x y z
 * rxrise attenstages gates beams). The radar code comes from the `hdw.dat.<code>` name (else
 * `stid<N>`). Rows of one radar are ordered by date and chained into epochs.
 * @throws Error naming the file, line and field for a malformed row
 */
export function parseHardwareTable(text: string, name = '<hardware>'): RadarHardware[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    let rows: unknown;
    try { rows = JSON.parse(text); } catch (e) { throw new SuperdarnDataError(`${name}: invalid JSON: ${(e as Error).message}`, { file: name }, { cause: e }); }
    const need = ['stid', 'code', 'lat', 'lon', 'boresight', 'bmsep', 'beams'] as const;
    return (rows as Record<string, unknown>[]).map((r, i) => {
      for (const f of need) if (r?.[f] === undefined) throw new SuperdarnDataError(`${name}: entry ${i} has no "${f}" (needs ${need.join(', ')})`, { file: name, field: `${i}.${f}` });
      return r as unknown as RadarHardware;
    });
  }
  const code = /hdw\.dat\.([a-z0-9]+)$/i.exec(basename(name))?.[1]?.toLowerCase();
  const out: RadarHardware[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const s = line.trim();
    if (!s || s.startsWith('#')) return;
    const t = s.split(/\s+/);
    if (t.length < 22) throw new SuperdarnDataError(`${name}:${i + 1}: expected 22 fields (RST hdw.dat format), got ${t.length}`, { file: name, field: `line ${i + 1}` });
    const num = (k: number, field: string) => {
      const v = Number(t[k]);
      if (!Number.isFinite(v)) throw new SuperdarnDataError(`${name}:${i + 1}: field ${field} is not a number: '${t[k]}'`, { file: name, field });
      return v;
    };
    const d = t[2]!;
    if (!/^\d{8}$/.test(d)) throw new SuperdarnDataError(`${name}:${i + 1}: field date must be YYYYMMDD, got '${d}'`, { file: name, field: 'date' });
    const stid = num(0, 'stid');
    out.push({
      stid, code: code ?? `stid${stid}`, validFrom: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
      lat: num(4, 'lat'), lon: num(5, 'lon'), boresight: num(7, 'boresight'), bmoff: num(8, 'bmoff'), bmsep: num(9, 'bmsep'),
      gates: num(20, 'gates'), beams: num(21, 'beams'),
    });
  });
  if (!out.length) throw new SuperdarnDataError(`${name}: no hardware rows (expected JSON or RST hdw.dat rows)`, { file: name });
  out.sort((a, b) => a.stid - b.stid || (a.validFrom! < b.validFrom! ? -1 : 1));
  for (let k = 0; k + 1 < out.length; k++) if (out[k + 1]!.stid === out[k]!.stid) out[k]!.validTo = out[k + 1]!.validFrom;
  return out;
}

/**
 * Reads hardware table files (see {@link parseHardwareTable}) and returns them merged over `base`:
 * radars in the files replace the base's entries of the same station id, others are kept.
 */
export async function readHardwareFiles(paths: readonly string[], base: readonly RadarHardware[] = []): Promise<RadarHardware[]> {
  const added: RadarHardware[] = [];
  for (const p of paths) {
    let text: string;
    try { text = await readFile(p, 'utf8'); } catch (e) { throw new Error(`cannot read hardware file ${p}: ${(e as Error).message}`); }
    added.push(...parseHardwareTable(text, p));
  }
  const replaced = new Set(added.map((h) => h.stid));
  return [...base.filter((h) => !replaced.has(h.stid)), ...added];
}
