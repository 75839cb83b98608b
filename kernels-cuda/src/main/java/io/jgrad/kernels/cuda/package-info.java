/** The CUDA backend through JCuda's driver API (filled by the CUDA issue). */
package io.jgrad.kernels.cuda;
