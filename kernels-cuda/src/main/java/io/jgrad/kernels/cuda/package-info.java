/**
 * The CUDA backend through JCuda's driver API: kernels written in CUDA C
 * ({@code src/main/cuda/*.cu}), compiled ahead of time by {@code tools/gpu/build-kernels.sh} into
 * committed PTX and fatbin resources and loaded with {@code cuModuleLoadData}, so users need only
 * the NVIDIA driver. Three small parts: {@link io.jgrad.kernels.cuda.CudaContext} (device, primary
 * context, stream, modules, launches), {@link io.jgrad.kernels.cuda.CudaAllocator} (caching device
 * allocator) and the op families behind {@link io.jgrad.kernels.cuda.CudaBackend}.
 */
package io.jgrad.kernels.cuda;
