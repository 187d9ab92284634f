import { LocatedError, type ErrorLocation } from '@weatherlearn/tensor-io';

/**
 * Bad DINO input data: a crop file that is not one 2-D/3-D tensor or holds non-finite values, a
 * corrupt channel statistics file, a checkpoint without a state dict. A tensor-io `LocatedError` with
 * `file` and `field`; the message is the one given, which already names them.
 */
export class DinoDataError extends LocatedError {
  constructor(message: string, where: ErrorLocation = {}, options: { cause?: unknown } = {}) {
    super(message, where, { ...options, message });
    this.name = 'DinoDataError';
  }
}
