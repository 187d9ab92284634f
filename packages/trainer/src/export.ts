import { writePt, type Tensor } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { namedParameters } from './params.js';
import { parameterTensors } from './resume.js';
import type { TrainingModule } from './types.js';

/** The module's weights as a PyTorch-style state dict: `exportStateDict()` when defined, else the parameters by name. */
export async function exportStateDict<B>(module: TrainingModule<B>): Promise<Record<string, Tensor>> {
  if (module.exportStateDict) return module.exportStateDict();
  return parameterTensors(namedParameters(module.parameters()));
}

/** Writes {@link exportStateDict} as a `.pt` file (`torch.load` gives a dict of tensors), atomically. */
export async function exportPt<B>(module: TrainingModule<B>, path: string): Promise<void> {
  await writeFileAtomic(path, writePt(await exportStateDict(module), { archiveName: 'final' }));
}
