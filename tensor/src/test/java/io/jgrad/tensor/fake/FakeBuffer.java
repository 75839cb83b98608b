package io.jgrad.tensor.fake;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.RefCountedBuffer;

/**
 * Memory of the fake device: a CPU buffer kept behind a wrapper that reports
 * {@link FakeBackend#DEVICE}, so the CPU backend refuses it and the fake backend refuses
 * everything else (every accidental host/device mix fails loudly).
 */
public final class FakeBuffer extends RefCountedBuffer {
  private final Buffer inner;

  FakeBuffer(Buffer inner) {
    super(inner.dtype(), inner.length());
    this.inner = inner;
  }

  @Override public Device device() { return FakeBackend.DEVICE; }

  /** The CPU buffer behind this one; for the fake backend only. */
  Buffer inner() {
    checkLive();
    return inner;
  }

  @Override
  protected void free() { inner.release(); }
}
