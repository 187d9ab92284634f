/**
 * An in-process {@link Collective} for tests: `localCollectives(w)` returns `w` endpoints whose
 * operations meet like real ranks (each op resolves once all `w` endpoints called it, in order), so
 * several Trainers can run data-parallel inside one test process without the native addon.
 */
import type { Collective } from '../collective.js';

interface Slot { bufs: Float32Array[][]; arrived: number; done: Promise<void>; release: () => void }

/** `w` connected endpoints; `ops` counts completed collectives per kind. */
export function localCollectives(w: number): { ranks: Collective[]; ops: Record<string, number> } {
  const ops: Record<string, number> = {};
  const slots: Slot[] = [];
  const seq = new Array<number>(w).fill(0);
  const meet = async (rank: number, kind: string, bufs: Float32Array[], combine: (all: Float32Array[][]) => void) => {
    const k = seq[rank]!++;
    let slot = slots[k];
    if (!slot) {
      let release!: () => void;
      const done = new Promise<void>((r) => { release = r; });
      slot = slots[k] = { bufs: new Array(w), arrived: 0, done, release };
    }
    slot.bufs[rank] = bufs;
    if (++slot.arrived === w) {
      const lens = slot.bufs.map((b) => b.map((x) => x.length).join(','));
      if (new Set(lens).size !== 1) throw new Error(`${kind} #${k}: ranks passed different buffer shapes: ${lens.join(' | ')}`);
      combine(slot.bufs);
      ops[kind] = (ops[kind] ?? 0) + 1;
      slot.release();
    }
    await slot.done;
  };
  const ranks = Array.from({ length: w }, (_, rank): Collective => ({
    rank, worldSize: w,
    allReduceMean: (bufs) => meet(rank, 'allReduceMean', bufs, (all) => {
      bufs.forEach((_, j) => {
        const sum = new Float32Array(all[0]![j]!.length);
        for (const r of all) r[j]!.forEach((v, i) => { sum[i]! += v; });
        for (const r of all) r[j]!.set(sum.map((v) => v / w));
      });
    }),
    broadcast: (bufs, root) => meet(rank, 'broadcast', bufs, (all) => { for (const r of all) r.forEach((b, j) => b.set(all[root]![j]!)); }),
    barrier: () => meet(rank, 'barrier', [], () => {}),
  }));
  return { ranks, ops };
}
