import { LocatedError, type ErrorLocation } from '@weatherlearn/tensor-io';

/**
 * Bad GridRad/GOES input data: a netCDF variable of the wrong shape, an npz without `crop`/`patches`,
 * a chunk that is not one (M, H, W) tensor. A tensor-io `LocatedError` with `file` and `field` (and
 * `offset` where one is known); the message is the one given, which already names them.
 */
export class GridradDataError extends LocatedError {
  constructor(message: string, where: ErrorLocation = {}, options: { cause?: unknown } = {}) {
    super(message, where, { ...options, message });
    this.name = 'GridradDataError';
  }
}
