/**
 * @weatherlearn/tensor-io — the Tensor type and file formats.
 * Modules are side-effect free; this index only re-exports them.
 */
export * from "./tensor.js";
export * from "./atomic.js";
