/** The OpenCL backend through JOCL (filled by the OpenCL issue). */
package io.jgrad.kernels.opencl;
