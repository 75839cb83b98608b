package io.jgrad.kernels.cuda;

/** A CUDA driver call failed; the message names the call, the symbolic error and what was running. */
public class CudaDriverException extends RuntimeException {
  private final int code;

  public CudaDriverException(int code, String message) {
    super(message);
    this.code = code;
  }

  /** The CUresult code (e.g. 2 = CUDA_ERROR_OUT_OF_MEMORY). */
  public int code() { return code; }
}
