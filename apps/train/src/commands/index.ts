import type { RegisterCommand } from './types.js';
import { registerEnv } from './env.js';
import { registerConvert } from './convert.js';
import { registerInspect } from './inspect.js';
import { registerDmap } from './dmap.js';
import { registerLoggers } from './loggers.js';
import { registerHpc } from './hpc.js';
import { registerTrain } from './train.js';
import { registerEmbed } from './embed.js';
import { registerReference } from './reference.js';
import { registerModel } from './model.js';
import { registerSuperdarn } from './superdarn.js';
import { registerGridrad } from './gridrad.js';
import { registerPlot } from './plot.js';
import { registerReport } from './report.js';

/**
 * Every command module of the `weatherlearn` CLI, in help order. A new command adds its module here.
 */
export const COMMANDS: RegisterCommand[] = [
  registerEnv,
  registerConvert,
  registerInspect,
  registerDmap,
  registerLoggers,
  registerHpc,
  registerTrain,
  registerEmbed,
  registerReference,
  registerModel,
  registerSuperdarn,
  registerGridrad,
  registerPlot,
  registerReport,
];
