import type { Schedule } from '@weatherlearn/engine/optim';

export type { Schedule } from '@weatherlearn/engine/optim';

/** Declarative schedules, as they appear in config files. */
export type ScheduleSpec =
  | { kind: 'constant'; value: number }
  /**
   * DINO's `cosine_scheduler`: a linear warm-up `linspace(warmupStart, base, warmupSteps)`, then
   * `final + ½(base − final)(1 + cos(π·i / (totalSteps − warmupSteps)))`; `final` after `totalSteps`.
   */
  | { kind: 'cosine'; base: number; final: number; totalSteps: number; warmupSteps?: number; warmupStart?: number }
  /** `base · gamma^⌊step / stepSize⌋` (torch `StepLR`). */
  | { kind: 'step'; base: number; gamma: number; stepSize: number };

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Builds a {@link Schedule} from a spec, validating every field (errors name the field). */
export function makeSchedule(spec: ScheduleSpec, where = 'schedule'): Schedule {
  const need = (name: string, v: unknown, min = -Infinity) => {
    if (!finite(v) || v < min) throw new RangeError(`${where}.${name} must be a finite number${min > -Infinity ? ` ≥ ${min}` : ''}, got ${JSON.stringify(v)}`);
  };
  switch (spec?.kind) {
    case 'constant':
      need('value', spec.value);
      return () => spec.value;
    case 'step': {
      need('base', spec.base); need('gamma', spec.gamma, 0); need('stepSize', spec.stepSize, 1);
      return (s) => spec.base * spec.gamma ** Math.floor(s / spec.stepSize);
    }
    case 'cosine': {
      const warm = spec.warmupSteps ?? 0, start = spec.warmupStart ?? 0;
      need('base', spec.base); need('final', spec.final); need('totalSteps', spec.totalSteps, 1);
      need('warmupSteps', warm, 0); need('warmupStart', start);
      if (warm > spec.totalSteps) throw new RangeError(`${where}.warmupSteps (${warm}) exceeds totalSteps (${spec.totalSteps})`);
      const span = spec.totalSteps - warm;
      return (s) => {
        if (s < warm) return warm === 1 ? start : start + ((spec.base - start) * s) / (warm - 1);
        if (s >= spec.totalSteps) return spec.final;
        const i = s - warm;
        return spec.final + 0.5 * (spec.base - spec.final) * (1 + Math.cos((Math.PI * i) / span));
      };
    }
    default:
      throw new RangeError(`${where}.kind must be one of constant, cosine, step; got ${JSON.stringify((spec as { kind?: unknown })?.kind)}`);
  }
}

/** A schedule from precomputed per-step values (the last value repeats past the end). */
export function scheduleFromArray(values: ArrayLike<number>): Schedule {
  if (values.length === 0) throw new RangeError('scheduleFromArray: empty array');
  return (s) => values[Math.min(Math.max(0, s), values.length - 1)]!;
}
