package io.jgrad.kernels.opencl;

import io.jgrad.tensor.DType;

/** OpenCL C names of the dtypes and the {@code -D} options that select one in a kernel file. */
final class ClTypes {
  private ClTypes() {}

  /** The OpenCL C type carrying a dtype: float, double, int, long, uchar (BOOL as 0/1). */
  static String cl(DType t) {
    return switch (t) {
      case FLOAT32 -> "float";
      case FLOAT64 -> "double";
      case INT32 -> "int";
      case INT64 -> "long";
      case BOOL -> "uchar";
    };
  }

  /**
   * {@code -D<m>=<type> -D<m>_FP=0|1 -D<m>_INT=0|1 -D<m>_BOOL=0|1 -D<m>_SIZE=<bytes>}: what a
   * kernel file needs to specialise on the dtype bound to macro {@code m} (e.g. T, S, D).
   */
  static String define(String m, DType t) {
    return "-D" + m + "=" + cl(t) + " -D" + m + "_FP=" + (t.isFloatingPoint() ? 1 : 0)
        + " -D" + m + "_INT=" + (t.isIntegral() ? 1 : 0) + " -D" + m + "_BOOL=" + (t.isBool() ? 1 : 0)
        + " -D" + m + "_SIZE=" + t.byteSize();
  }

  /** The bytes of {@code value} cast to {@code t} as the CPU backend casts a fill value, for a kernel argument. */
  static byte[] scalar(DType t, double value) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(t.byteSize()).order(java.nio.ByteOrder.nativeOrder());
    switch (t) {
      case FLOAT32 -> b.putFloat((float) value);
      case FLOAT64 -> b.putDouble(value);
      case INT32 -> b.putInt((int) (long) value);
      case INT64 -> b.putLong((long) value);
      case BOOL -> b.put((byte) (value != 0 ? 1 : 0));
    }
    return b.array();
  }
}
