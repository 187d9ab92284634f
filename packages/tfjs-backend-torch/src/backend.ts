import { tf } from '@weatherlearn/engine';
import type { Handle, NativeResult, TorchBinding } from './native.js';

type DataId = object;
type DataType = tf.DataType;
type BackendValues = Float32Array | Int32Array | Uint8Array | Uint8Array[];

/** One entry of the data store: a libtorch tensor (`handle`) or values not uploaded yet. */
interface TensorData {
  shape: number[];
  dtype: DataType;
  refCount: number;
  handle?: Handle;
  values?: BackendValues;
}

/** tfjs dtype → addon dtype code. */
export const DTYPE_CODE: Record<string, number> = { float32: 0, int32: 1, bool: 2 };
const CODE_DTYPE: DataType[] = ['float32', 'int32', 'bool'];
const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, string: 0 };

/** The dtype code for a tfjs dtype; strings and complex64 have none (they stay in JS). */
export function dtypeCode(dtype: DataType): number {
  const c = DTYPE_CODE[dtype];
  if (c === undefined) throw new Error(`dtype ${dtype} is not supported by the torch backend's native kernels`);
  return c;
}

/**
 * TensorFlow.js backend whose tensors live in libtorch. Data ids map to {shape, dtype, refCount}
 * plus either a native handle or values written from JS (uploaded lazily on first kernel use, so
 * tensors only read back in JS never touch libtorch). `disposeData` frees the libtorch tensor at
 * once; `numLiveNative()` counts what the addon still holds (leak checks).
 */
export class TorchBackend extends tf.KernelBackend {
  private readonly store = new WeakMap<DataId, TensorData>();
  private count = 0;
  private bytes = 0;
  private peakBytes = 0;
  private static nextId = 0;

  constructor(readonly native: TorchBinding) {
    super();
  }

  override write(values: BackendValues, shape: number[], dtype: DataType): DataId {
    const id = { id: TorchBackend.nextId++ };
    this.set(id, { values, shape, dtype, refCount: 1 });
    return id;
  }

  override move(dataId: DataId, values: BackendValues, shape: number[], dtype: DataType, refCount: number): void {
    this.set(dataId, { values, shape, dtype, refCount });
  }

  private set(id: DataId, d: TensorData): void {
    const old = this.store.get(id);
    if (old) this.release(old);
    this.store.set(id, d);
    this.count++;
    this.bytes += tf.util.sizeFromShape(d.shape) * (BYTES[d.dtype] ?? 4);
    if (this.bytes > this.peakBytes) this.peakBytes = this.bytes;
  }

  private release(d: TensorData): void {
    if (d.handle) this.native.free(d.handle);
    d.handle = undefined;
    d.values = undefined;
    this.count--;
    this.bytes -= tf.util.sizeFromShape(d.shape) * (BYTES[d.dtype] ?? 4);
  }

  private get(dataId: DataId): TensorData {
    let d = this.store.get(dataId);
    if (!d) {
      // A tensor of another backend: tfjs' engine reads it there and calls our `move`.
      try {
        (tf.engine() as unknown as { moveData(b: tf.KernelBackend, id: DataId): void }).moveData(this, dataId);
      } catch { /* unknown id: reported below */ }
      d = this.store.get(dataId);
    }
    if (!d) throw new Error('torch backend: tensor data not found (disposed, or created on another backend)');
    return d;
  }

  /** The libtorch handle of a tensor, uploading JS-written values on first use. */
  handle(info: tf.TensorInfo): Handle {
    const d = this.get(info.dataId);
    if (!d.handle) {
      if (d.dtype === 'string' || d.dtype === 'complex64') throw new Error(`torch backend: ${d.dtype} tensors have no native form`);
      const v = d.values as Float32Array | Int32Array | Uint8Array;
      d.handle = this.native.upload(v, d.shape, dtypeCode(d.dtype))[0];
      d.values = undefined;
    }
    return d.handle;
  }

  /** Registers a native result as a new tensor (shape and dtype as libtorch reports them). */
  adopt(r: NativeResult): tf.TensorInfo {
    const shape = r.slice(2) as number[];
    const dtype = CODE_DTYPE[r[1]]!;
    const dataId = { id: TorchBackend.nextId++ };
    this.set(dataId, { handle: r[0], shape, dtype, refCount: 1 });
    return { dataId, shape, dtype };
  }

  /** Creates a tensor from JS values (fallback kernels, constants). */
  makeTensorInfo(shape: number[], dtype: DataType, values?: BackendValues | string[]): tf.TensorInfo {
    let v = values as BackendValues | undefined;
    if (dtype === 'string' && values && values.length > 0 && typeof values[0] === 'string') {
      v = (values as string[]).map((s) => tf.util.encodeString(s));
    }
    if (v === undefined) {
      return this.adopt(this.native.fill(shape, 0, dtypeCode(dtype)));
    }
    return { dataId: this.write(v, shape, dtype), shape, dtype };
  }

  override refCount(dataId: DataId): number {
    return this.store.get(dataId)?.refCount ?? 0;
  }

  override incRef(dataId: DataId): void {
    this.get(dataId).refCount++;
  }

  override numDataIds(): number {
    return this.count;
  }

  override async read(dataId: DataId): Promise<BackendValues> {
    return this.readSync(dataId);
  }

  override readSync(dataId: DataId): BackendValues {
    const d = this.get(dataId);
    if (d.values) return d.values;
    return this.native.download(d.handle!);
  }

  override disposeData(dataId: DataId, force = false): boolean {
    const d = this.store.get(dataId);
    if (!d) return true;
    d.refCount--;
    if (!force && d.refCount > 0) return false;
    this.release(d);
    this.store.delete(dataId);
    return true;
  }

  /** Disposes an intermediate result created inside a kernel. */
  disposeIntermediateTensorInfo(info: tf.TensorInfo): void {
    this.disposeData(info.dataId);
  }

  override memory(): { unreliable: boolean; reasons?: string[]; numBytesInTorch?: number; peakBytesInTorch?: number; numLiveNative?: number } {
    return { unreliable: false, numBytesInTorch: this.bytes, peakBytesInTorch: this.peakBytes, numLiveNative: this.numLiveNative() };
  }

  /** Starts `memory().peakBytesInTorch` again from the bytes held now (torch.cuda.reset_peak_memory_stats). */
  resetPeakBytes(): void {
    this.peakBytes = this.bytes;
  }

  /** Tensors the addon still holds (equals `numDataIds()` minus JS-only tensors when nothing leaks). */
  numLiveNative(): number {
    return this.native.info().live;
  }

  override async time(f: () => void): Promise<tf.BackendTimingInfo> {
    const t0 = performance.now();
    f();
    return { kernelMs: performance.now() - t0 };
  }

  override timerAvailable(): boolean {
    return true;
  }

  override floatPrecision(): 16 | 32 {
    return 32;
  }

  override epsilon(): number {
    return 1e-7;
  }

  override dispose(): void {
    // Tensors are released by disposeData; handles left over are freed by the addon's finalizers.
  }
}
