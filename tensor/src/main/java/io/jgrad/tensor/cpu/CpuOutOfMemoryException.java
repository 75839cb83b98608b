package io.jgrad.tensor.cpu;

/**
 * The Java heap cannot hold a new CPU buffer even after the buffer pool was emptied. The
 * message names the dtype, the element count and bytes asked for, the heap's limit and what the
 * pool held. The backend stays usable: close tensors that are no longer needed (or raise
 * {@code -Xmx}) and retry.
 */
public final class CpuOutOfMemoryException extends RuntimeException {
  private final long bytes;

  CpuOutOfMemoryException(long bytes, String message, OutOfMemoryError cause) {
    super(message, cause);
    this.bytes = bytes;
  }

  /** The size of the allocation that failed, in bytes. */
  public long bytes() { return bytes; }
}
