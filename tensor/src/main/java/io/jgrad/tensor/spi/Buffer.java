package io.jgrad.tensor.spi;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;

/**
 * A block of device memory holding {@link #length()} elements of one dtype. Buffers are
 * reference counted: every tensor (or view) that uses a buffer retains it and releases it on
 * {@code close()}; the last release hands the memory back to its backend (a pool on the CPU).
 * A buffer is never read after its last release: {@link #checkLive()} throws instead.
 */
public interface Buffer {
  DType dtype();

  int length();

  Device device();

  /** Adds a reference. Throws if the buffer was already freed. */
  void retain();

  /** Drops a reference; the last one frees the memory. */
  void release();

  /**
   * Version counter shared by every view of this buffer: in-place ops bump it, and autograd
   * compares it with the version a saved tensor had, to reject a backward through modified data.
   */
  int version();

  void bumpVersion();

  /** True once the last reference was released. */
  boolean isFreed();

  default void checkLive() {
    if (isFreed()) {
      throw new IllegalStateException("tensor used after close(): its " + dtype() + " buffer of "
          + length() + " elements on " + device() + " was released");
    }
  }
}
