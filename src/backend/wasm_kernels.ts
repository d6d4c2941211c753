/** Kernel fixes for the wasm backend (being written: see the kernels helper). */
export function installWasmKernels(): void {}
