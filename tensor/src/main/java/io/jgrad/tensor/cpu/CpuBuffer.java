package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.RefCountedBuffer;

/**
 * A CPU buffer: one Java array of the dtype's carrier type. Arrays the backend allocated go
 * back to the pool when freed; arrays wrapped from a caller never do (the caller may still
 * hold them).
 */
public final class CpuBuffer extends RefCountedBuffer {
  private final Object array;
  private final boolean pooled;

  CpuBuffer(DType dtype, Object array) { this(dtype, array, false); }

  CpuBuffer(DType dtype, Object array, boolean pooled) {
    super(dtype, java.lang.reflect.Array.getLength(array));
    this.array = array;
    this.pooled = pooled;
  }

  @Override public Device device() { return Device.CPU; }

  /** The carrier array; callers must respect the view they were given. */
  public Object array() {
    checkLive();
    return array;
  }

  public float[] f32() { return (float[]) array(); }

  public double[] f64() { return (double[]) array(); }

  public int[] i32() { return (int[]) array(); }

  public long[] i64() { return (long[]) array(); }

  /** BOOL elements, one byte each, 0 or 1. */
  public byte[] bool() { return (byte[]) array(); }

  @Override
  protected void free() {
    if (pooled) CpuPool.give(dtype(), array);
  }
}
