import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** An opaque reference to a c10d process group owned by the addon. */
export type GroupHandle = object & { readonly __c10dGroup?: never };

/** Reduce operations Gloo supports on float32 (average is a sum divided in JS). */
export type NativeReduceOp = 'sum' | 'max' | 'min' | 'product';

/** Options of the addon's `connect` (see `native/addon.cc`). */
export interface NativeConnectOptions {
  store: 'tcp' | 'file';
  host?: string;
  port?: number;
  path?: string;
  rank: number;
  size: number;
  timeoutMs: number;
  /** Store rendezvous (and Gloo's address exchange) limit; default `timeoutMs`. */
  rendezvousTimeoutMs?: number;
  /** Hostname/IP whose interface Gloo binds; empty: the machine's hostname. */
  device?: string;
  threads?: number;
}

/** The functions exported by `build/Release/weatherlearn_c10d.node`. */
export interface C10dBinding {
  connect(o: NativeConnectOptions): Promise<GroupHandle>;
  allreduce(g: GroupHandle, buf: Float32Array, op: NativeReduceOp): Promise<void>;
  broadcast(g: GroupHandle, buf: Float32Array, root: number): Promise<void>;
  barrier(g: GroupHandle): Promise<void>;
  destroy(g: GroupHandle): void;
  info(): { libtorch: string; backends: string };
}

/** Thrown when the addon cannot be loaded; the message starts with "distributed addon not built". */
export class DistributedNotBuiltError extends Error {
  constructor(reason: string) {
    super(`distributed addon not built: ${reason}`);
    this.name = 'DistributedNotBuiltError';
  }
}

/** Where `npm run build:native` puts the addon (package root / build / Release). */
export const C10D_ADDON_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'Release', 'weatherlearn_c10d.node');

const cache = new Map<string, C10dBinding>();

/**
 * Loads the addon once. Throws {@link DistributedNotBuiltError} naming the reason (file missing,
 * libtorch shared libraries not found, ABI mismatch).
 */
export function loadC10d(path = C10D_ADDON_PATH): C10dBinding {
  const hit = cache.get(path);
  if (hit) return hit;
  if (!existsSync(path)) {
    throw new DistributedNotBuiltError(`${path} is missing (run npm run build:native in packages/distributed; needs libtorch-dev and libgloo-dev)`);
  }
  let binding: C10dBinding;
  try {
    binding = createRequire(import.meta.url)(path) as C10dBinding;
  } catch (err) {
    throw new DistributedNotBuiltError(`${path} failed to load: ${String((err as Error).message).split('\n')[0]}`);
  }
  cache.set(path, binding);
  return binding;
}

/** The reason the addon cannot be used, or `undefined` when it loads (never throws). */
export function c10dUnavailableReason(path = C10D_ADDON_PATH): string | undefined {
  try {
    loadC10d(path);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
