/** @weatherlearn/tfjs-backend-torch — a native libtorch backend for TensorFlow.js. */
// The libtorch addon and the BLAS it loaded.
export {
  loadBinding, isTorchBuilt, torchUnavailableReason, TorchNotBuiltError, ADDON_PATH,
} from './native.js';
export type { Handle, NativeResult, ConvGeometry, TorchBinding } from './native.js';
export { classifyBlasPath, loadedBlas, blasWarning, OPENBLAS_APT } from './blas.js';
export type { BlasKind, BlasInfo } from './blas.js';

// The backend and its registration as an engine candidate.
export { TorchBackend } from './backend.js';
export { registerTorchBackend, createTorchCandidate, torchBackendCandidate, DEFAULT_TORCH_BACKEND_OPTIONS } from './register.js';
export type { TorchBackendOptions, TorchBackendInfo } from './register.js';

// Kernels that fall back to the CPU backend.
export { getFallbackCalls, resetFallbackCalls, runOnCpu } from './fallback.js';
