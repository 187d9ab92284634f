import type { RegisterCommand } from './types.js';
import { registerLoggers } from './loggers.js';
import { registerEnv } from './env.js';
import { registerConvert } from './convert.js';
import { registerInspect } from './inspect.js';
import { registerReference } from './reference.js';
import { registerModel } from './model.js';
import { registerHpc } from './hpc.js';
import { registerDmap } from './dmap.js';
import { registerTrain } from './train.js';
import { registerLaunch } from './launch.js';
import { registerEmbed } from './embed.js';
import { registerGridrad } from './gridrad.js';
import { registerPlot } from './plot.js';
import { registerReport } from './report.js';
import { registerSuperdarn } from './superdarn.js';
import { registerDemo } from './demo.js';
import { registerForecast } from './forecast.js';
import { registerEvaluate } from './evaluate.js';

/**
 * Every command module of the `weatherlearn` CLI, in help order. A new command adds its module here.
 */
export const COMMANDS: RegisterCommand[] = [
  registerEnv,
  registerConvert,
  registerInspect,
  registerReference,
  registerModel,
  registerLoggers,
  registerHpc,
  registerDmap,
  registerTrain,
  registerForecast,
  registerEvaluate,
  registerLaunch,
  registerEmbed,
  registerGridrad,
  registerPlot,
  registerReport,
  registerSuperdarn,
  registerDemo,
];
