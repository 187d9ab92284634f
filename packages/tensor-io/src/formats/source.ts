import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { TensorIOError } from './errors.js';

/**
 * Random access to the bytes of a file or buffer: readers take one, read headers and directories,
 * then each tensor by offset, so a file is never loaded whole (no 2 GiB `readFile` limit, memory
 * bounded by what is actually read).
 */
export interface ByteSource {
  /** For messages. */
  readonly name: string;
  /** Total length in bytes. */
  readonly size: number;
  /**
   * `length` bytes at `offset` (a view for in-memory sources, a fresh copy for files).
   * @throws TensorIOError naming the offset when the range runs past the end
   */
  read(offset: number, length: number): Uint8Array;
}

function checkRange(name: string, size: number, offset: number, length: number): void {
  if (!(offset >= 0 && length >= 0 && offset + length <= size)) {
    throw new TensorIOError(`truncated: ${length} bytes at ${offset} run past the end (${size} bytes)`, { file: name, offset });
  }
}

/** A {@link ByteSource} over bytes already in memory (reads are views, no copies). */
export function bytesSource(bytes: Uint8Array, name = '<bytes>'): ByteSource {
  return {
    name, size: bytes.byteLength,
    read(offset, length) { checkRange(name, bytes.byteLength, offset, length); return bytes.subarray(offset, offset + length); },
  };
}

/** A {@link ByteSource} over an open file: positional reads (`pread`), any file size. Close it when done. */
export interface FileSource extends ByteSource {
  close(): void;
}

/** Opens `path` for positional reads. @throws Error naming the path when it cannot be opened */
export function fileSource(path: string): FileSource {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  return {
    name: path, size,
    read(offset, length) {
      checkRange(path, size, offset, length);
      const out = new Uint8Array(length);
      for (let got = 0; got < length;) {
        const n = readSync(fd, out, got, Math.min(length - got, 1 << 30), offset + got);
        if (n === 0) throw new TensorIOError(`file shrank while reading: ${got} of ${length} bytes at ${offset}`, { file: path, offset: offset + got });
        got += n;
      }
      return out;
    },
    close() { closeSync(fd); },
  };
}

/** Runs `fn` on a {@link fileSource} of `path` and closes it. */
export function withFileSource<T>(path: string, fn: (src: FileSource) => T): T {
  const src = fileSource(path);
  try { return fn(src); } finally { src.close(); }
}

/** `bytes` as a source (named `name`), or the source itself. */
export function asSource(input: Uint8Array | ByteSource, name: string): ByteSource {
  return input instanceof Uint8Array ? bytesSource(input, name) : input;
}
