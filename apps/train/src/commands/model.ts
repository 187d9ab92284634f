import { InvalidArgumentError } from 'commander';
import { PANGU_PRESETS, Pangu, layerTable, panguPreset, type PanguConfig } from '@weatherlearn/pangu';
import { intArg } from '../cli-args.js';
import type { RegisterCommand } from './types.js';

function parseGrid(v: string): [number, number] {
  const m = /^(\d+)(?:[x,](\d+))?$/.exec(v.trim());
  if (!m) throw new InvalidArgumentError(`expected LAT,LON or N (square), got "${v}"`);
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

/** Options of `model info`. */
export interface ModelInfoOptions {
  preset: string;
  grid?: [number, number];
  levels?: number;
  timeStep?: number;
}

/** The model `model info` describes: the preset with overrides, built in meta mode (nothing allocated). */
export function describeModel(o: ModelInfoOptions): { config: PanguConfig; parameters: number; layers: ReturnType<typeof layerTable> } {
  const overrides: Partial<PanguConfig> = {};
  if (o.grid) overrides.gridSize = o.grid;
  if (o.levels !== undefined) overrides.upperLevels = o.levels;
  if (o.timeStep !== undefined) overrides.timeStep = o.timeStep;
  const config = panguPreset(o.preset, overrides);
  const m = new Pangu(config, true);
  return { config, parameters: m.parameterCount(), layers: layerTable(m) };
}

/** `weatherlearn model info --preset NAME`: parameter count and layer table of a model preset. */
export const registerModel: RegisterCommand = (program, ctx) => {
  const model = program.command('model').description('describe model presets');
  model
    .command('info')
    .description('parameter count and layer table of a model preset (nothing is allocated)')
    .requiredOption('--preset <name>', `preset: ${Object.keys(PANGU_PRESETS).join(', ')}`)
    .option('--grid <lat,lon>', 'override the input grid (e.g. 96 or 181,360)', parseGrid)
    .option('--levels <n>', 'override the upper-air levels (0: surface only)', intArg('--levels', { min: 0 }))
    .option('--time-step <n>', 'override the latent steps per forward', intArg('--time-step', { min: 0 }))
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  weatherlearn model info --preset pangu-weather
  weatherlearn model info --preset superdarn --grid 96 --time-step 3`)
    .action((opts: ModelInfoOptions & { json?: boolean }) => {
      if (!(opts.preset in PANGU_PRESETS)) {
        throw new Error(`unknown preset "${opts.preset}"; known presets: ${Object.keys(PANGU_PRESETS).join(', ')}`);
      }
      const d = describeModel(opts);
      if (opts.json) { ctx.out(JSON.stringify(d, null, 2)); return; }
      const c = d.config;
      ctx.out(`preset ${opts.preset}: ${d.parameters.toLocaleString('en-US')} parameters`);
      ctx.out(`grid ${c.gridSize.join('×')}${c.upperLevels ? `, ${c.upperLevels} levels` : ' (surface only)'}, embed ${c.embedDim}, heads ${c.numHeads.join('/')}, depths ${c.depths.join('/')}, window ${c.windowSize.join('×')}, timeStep ${c.timeStep}`);
      const head = ['name', 'kind', 'grid', 'dim', 'params'];
      const rows = d.layers.map((l) => [l.name, l.kind, l.grid, l.dim, l.params.toLocaleString('en-US')]);
      const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      for (const r of [head, ...rows]) ctx.out(r.map((x, i) => (i === 4 ? x.padStart(w[i]!) : x.padEnd(w[i]!))).join('  '));
    });
};
