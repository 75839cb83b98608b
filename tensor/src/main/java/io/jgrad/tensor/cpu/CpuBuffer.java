package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.RefCountedBuffer;

/** A CPU buffer: one Java array of the dtype's carrier type; freed arrays go back to the pool. */
public final class CpuBuffer extends RefCountedBuffer {
  private final Object array;

  CpuBuffer(DType dtype, Object array) {
    super(dtype, java.lang.reflect.Array.getLength(array));
    this.array = array;
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
  protected void free() { CpuPool.give(dtype(), array); }
}
