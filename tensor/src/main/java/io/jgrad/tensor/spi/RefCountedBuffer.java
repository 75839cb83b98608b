package io.jgrad.tensor.spi;

import io.jgrad.tensor.DType;
import java.util.concurrent.atomic.AtomicInteger;

/** Reference counting shared by every backend's buffers; subclasses free memory in {@link #free()}. */
public abstract class RefCountedBuffer implements Buffer {
  private final DType dtype;
  private final int length;
  private final AtomicInteger refs = new AtomicInteger(1);
  private final AtomicInteger version = new AtomicInteger();

  protected RefCountedBuffer(DType dtype, int length) {
    this.dtype = dtype;
    this.length = length;
  }

  @Override public DType dtype() { return dtype; }

  @Override public int length() { return length; }

  @Override
  public void retain() {
    while (true) {
      int n = refs.get();
      if (n <= 0) checkLive();
      if (refs.compareAndSet(n, n + 1)) return;
    }
  }

  /** Adds a reference unless the buffer was already freed; false then (nothing changes). */
  public boolean tryRetain() {
    while (true) {
      int n = refs.get();
      if (n <= 0) return false;
      if (refs.compareAndSet(n, n + 1)) return true;
    }
  }

  @Override
  public void release() {
    int n = refs.decrementAndGet();
    if (n == 0) free();
    if (n < 0) throw new IllegalStateException("buffer released more often than retained");
  }

  @Override public int version() { return version.get(); }

  @Override public void bumpVersion() { version.incrementAndGet(); }

  @Override public boolean isFreed() { return refs.get() <= 0; }

  /** Returns the memory to the backend; called once, by the last {@link #release()}. */
  protected abstract void free();
}
