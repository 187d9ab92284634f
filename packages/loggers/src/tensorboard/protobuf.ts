/**
 * A minimal protobuf writer (proto3 wire format): varints, 64-bit doubles, 32-bit floats,
 * length-delimited bytes/strings/messages and packed doubles. Fields are written in call order.
 */
export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private len = 0;

  private push(b: Uint8Array): this { this.chunks.push(b); this.len += b.length; return this; }

  private varint(v: number): this {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`protobuf: varint must be a non-negative safe integer, got ${v}`);
    const bytes: number[] = [];
    while (v >= 0x80) { bytes.push((v % 0x80) | 0x80); v = Math.floor(v / 0x80); }
    bytes.push(v);
    return this.push(Uint8Array.from(bytes));
  }

  private tag(field: number, wire: number): this { return this.varint(field * 8 + wire); }

  /** Field with varint wire type (uint64/int64 ≥ 0, enum, bool). */
  uint(field: number, v: number): this { return this.tag(field, 0).varint(v); }

  /** `double` field (wire type 1). */
  double(field: number, v: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    return this.tag(field, 1).push(b);
  }

  /** `float` field (wire type 5). */
  float(field: number, v: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    return this.tag(field, 5).push(b);
  }

  /** `bytes` / embedded message field (wire type 2). */
  bytes(field: number, b: Uint8Array): this { return this.tag(field, 2).varint(b.length).push(b); }

  /** `string` field (UTF-8). */
  string(field: number, s: string): this { return this.bytes(field, new TextEncoder().encode(s)); }

  /** Embedded message field. */
  message(field: number, m: ProtoWriter): this { return this.bytes(field, m.finish()); }

  /** Packed `repeated double` field. */
  packedDoubles(field: number, values: ArrayLike<number>): this {
    const b = new Uint8Array(values.length * 8);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i]!, true);
    return this.bytes(field, b);
  }

  /** The encoded message. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.len);
    let o = 0;
    for (const c of this.chunks) { out.set(c, o); o += c.length; }
    return out;
  }
}
