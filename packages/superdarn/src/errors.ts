import { LocatedError, type ErrorLocation } from '@weatherlearn/tensor-io';
import type { DmapRecord } from '@weatherlearn/tensor-io';

/**
 * Bad SuperDARN input data: a record without a needed field, arrays of mismatched lengths, a corrupt
 * hardware table, dataset index or shard marker. A tensor-io `LocatedError` with `file`, `offset`
 * (the record's byte offset in its DMAP file, or the offset in the file) and `field`; the message is
 * the one given, which already names them.
 */
export class SuperdarnDataError extends LocatedError {
  constructor(message: string, where: ErrorLocation = {}, options: { cause?: unknown } = {}) {
    super(message, where, { ...options, message });
    this.name = 'SuperdarnDataError';
  }
}

/** The location of a DMAP record of `file`: its byte offset (when known) and an optional field. */
export function recordLocation(file: string, rec: DmapRecord, field?: string): ErrorLocation {
  return { file, ...(rec.offset !== undefined ? { offset: rec.offset } : {}), ...(field !== undefined ? { field } : {}) };
}
