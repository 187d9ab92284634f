/** Where in an input a {@link LocatedError} happened. */
export interface ErrorLocation {
  /** File name or label of the input (e.g. a path, `model.pt`, `weights.npz:conv.npy`). */
  file?: string;
  /** Byte offset in the file (or in the archive entry named by `file`). */
  offset?: number;
  /** Field, entry, key, variable or record involved (e.g. `descr`, `data/3`, `variable ir`). */
  field?: string;
}

/** Where in a file a {@link TensorIOError} happened (the same as {@link ErrorLocation}). */
export type TensorIOErrorLocation = ErrorLocation;

/** Options of {@link LocatedError}: the cause, and a full message for subclasses with their own wording. */
export interface LocatedErrorOptions {
  cause?: unknown;
  /** The whole message (it must name the location itself); default `file[@offset][ (field)]: detail`. */
  message?: string;
}

/** `file[@offset][ (field)]: ` — the prefix of a {@link LocatedError}'s default message. */
export function describeLocation(w: ErrorLocation): string {
  let s = w.file ?? '<bytes>';
  if (w.offset !== undefined) s += `@${w.offset}`;
  if (w.field !== undefined) s += ` (${w.field})`;
  return `${s}: `;
}

/**
 * The base class of every "bad input data" error in WeatherLearn.ts (corrupt or truncated file, wrong
 * field, impossible offset): it keeps the file, byte offset and field as properties for programs, and
 * its message names them for people (`file[@offset][ (field)]: detail` unless a subclass words it).
 * Programming errors (bad arguments) stay `Error`/`TypeError`/`RangeError`.
 */
export class LocatedError extends Error {
  /** File name or label of the input. */
  readonly file: string | undefined;
  /** Byte offset where the problem was found. */
  readonly offset: number | undefined;
  /** Field, entry, record or variable involved. */
  readonly field: string | undefined;
  /** The message without the location. */
  readonly detail: string;

  constructor(detail: string, where: ErrorLocation = {}, options: LocatedErrorOptions = {}) {
    super(options.message ?? `${describeLocation(where)}${detail}`, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'LocatedError';
    this.file = where.file;
    this.offset = where.offset;
    this.field = where.field;
    this.detail = detail;
  }
}

/**
 * The error every tensor file reader/writer throws for bad input: truncated files, wrong sizes,
 * unknown dtypes, bad magic numbers, hostile pickles, unsafe archive paths. The message starts with
 * `file[@offset][ (field)]: ` so users see at once where the problem is.
 */
export class TensorIOError extends LocatedError {
  constructor(detail: string, where: ErrorLocation = {}, options: LocatedErrorOptions = {}) {
    super(detail, where, options);
    this.name = 'TensorIOError';
  }
}
