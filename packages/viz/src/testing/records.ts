// Test helpers: synthetic DMAP records in the real field layouts (not exported from the package).
import { asFitacf, DmapRecord, type FitacfRecord } from '@weatherlearn/tensor-io';

/** One synthetic FITACF record: per-gate arrays for the gates in `gates`. */
export function fitRecord(o: {
  bmnum: number; bmazm: number; time: Date; scan?: number; stid?: number; nrang?: number;
  gates: number[]; v: number[]; gflg?: number[]; p_l?: number[]; w_l?: number[];
}): FitacfRecord {
  const t = o.time;
  const sh = (value: number) => ({ type: 'short' as const, value });
  const n = o.gates.length;
  const arrays: ConstructorParameters<typeof DmapRecord>[1] = {};
  if (n) {
    arrays.slist = { type: 'short', dims: [n], data: Int16Array.from(o.gates) };
    arrays.v = { type: 'float', dims: [n], data: Float32Array.from(o.v) };
    arrays.gflg = { type: 'char', dims: [n], data: Int8Array.from(o.gflg ?? o.gates.map(() => 0)) };
    arrays.p_l = { type: 'float', dims: [n], data: Float32Array.from(o.p_l ?? o.gates.map(() => 10)) };
    arrays.w_l = { type: 'float', dims: [n], data: Float32Array.from(o.w_l ?? o.gates.map(() => 100)) };
  }
  const rec = new DmapRecord({
    stid: sh(o.stid ?? 999), 'time.yr': sh(t.getUTCFullYear()), 'time.mo': sh(t.getUTCMonth() + 1), 'time.dy': sh(t.getUTCDate()),
    'time.hr': sh(t.getUTCHours()), 'time.mt': sh(t.getUTCMinutes()), 'time.sc': sh(t.getUTCSeconds()),
    'time.us': { type: 'int', value: t.getUTCMilliseconds() * 1000 },
    bmnum: sh(o.bmnum), bmazm: { type: 'float', value: o.bmazm }, scan: sh(o.scan ?? 0), channel: sh(0),
    nrang: sh(o.nrang ?? 40), frang: sh(180), rsep: sh(45), 'noise.sky': { type: 'float', value: 1 },
  }, arrays);
  return asFitacf(rec);
}
