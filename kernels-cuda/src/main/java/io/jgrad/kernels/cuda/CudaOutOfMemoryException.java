package io.jgrad.kernels.cuda;

/**
 * Device memory is exhausted even after the allocator returned its cache to the driver. The backend
 * is still usable afterwards: free tensors (close them) and retry.
 */
public final class CudaOutOfMemoryException extends CudaDriverException {
  private final long bytes;

  public CudaOutOfMemoryException(long bytes, String message) {
    super(2, message);
    this.bytes = bytes;
  }

  /** The size of the allocation that failed. */
  public long bytes() { return bytes; }
}
