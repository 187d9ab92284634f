/** Where in a file a {@link TensorIOError} happened. */
export interface TensorIOErrorLocation {
  /** File name or label of the input (e.g. a path, `model.pt`, `weights.npz:conv.npy`). */
  file?: string;
  /** Byte offset in the file (or in the archive entry named by `file`). */
  offset?: number;
  /** Field, entry, key or pickle global involved (e.g. `descr`, `data/3`, `os.system`). */
  field?: string;
}

/**
 * The error every tensor file reader/writer throws for bad input: truncated files, wrong sizes,
 * unknown dtypes, bad magic numbers, hostile pickles, unsafe archive paths. The message starts with
 * `file[@offset][ (field)]: ` so users see at once where the problem is; the parts are also kept as
 * properties for programs.
 */
export class TensorIOError extends Error {
  /** File name or label given to the reader. */
  readonly file: string | undefined;
  /** Byte offset where the problem was found. */
  readonly offset: number | undefined;
  /** Field, entry or global involved. */
  readonly field: string | undefined;
  /** The message without the location prefix. */
  readonly detail: string;

  constructor(message: string, where: TensorIOErrorLocation = {}, options?: { cause?: unknown }) {
    super(`${describeLocation(where)}${message}`, options);
    this.name = 'TensorIOError';
    this.file = where.file;
    this.offset = where.offset;
    this.field = where.field;
    this.detail = message;
  }
}

function describeLocation(w: TensorIOErrorLocation): string {
  let s = w.file ?? '<bytes>';
  if (w.offset !== undefined) s += `@${w.offset}`;
  if (w.field !== undefined) s += ` (${w.field})`;
  return `${s}: `;
}
