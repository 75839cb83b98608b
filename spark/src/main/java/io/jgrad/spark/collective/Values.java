package io.jgrad.spark.collective;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A float32 or float64 array as the ring algorithm sees it: encode a range into bytes, add
 * decoded bytes into a range, or overwrite a range. Byte order little-endian on the wire.
 */
abstract class Values {
  static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

  abstract int bytesPer();

  /** 0 for float32, 1 for float64 (the frame header's type field). */
  abstract int typeCode();

  /** Appends elements [from, from + count) to {@code out}. */
  abstract void encode(int from, int count, ByteBuffer out);

  /** {@code a[to + i] = received[i] + a[to + i]}: the partial sum from the left comes first. */
  abstract void decodeAdd(ByteBuffer in, int to, int count);

  /** {@code a[to + i] = received[i]}. */
  abstract void decodeSet(ByteBuffer in, int to, int count);

  /** {@code scratch} holds one received chunk for {@link #decodeAdd} (grown when too small). */
  static Values of(float[] a, Scratch scratch) { return new F32(a, scratch); }

  static Values of(double[] a, Scratch scratch) { return new F64(a, scratch); }

  /** Reusable decode space, owned by one collective. */
  static final class Scratch {
    float[] f32 = new float[0];
    double[] f64 = new double[0];
  }

  private static final class F32 extends Values {
    private final float[] a;
    private final Scratch scratch;

    F32(float[] a, Scratch scratch) {
      this.a = a;
      this.scratch = scratch;
    }

    @Override int bytesPer() { return 4; }

    @Override int typeCode() { return 0; }

    @Override
    void encode(int from, int count, ByteBuffer out) {
      out.asFloatBuffer().put(a, from, count);
      out.position(out.position() + 4 * count);
    }

    @Override
    void decodeAdd(ByteBuffer in, int to, int count) {
      if (scratch.f32.length < count) scratch.f32 = new float[count];
      float[] s = scratch.f32;
      in.asFloatBuffer().get(s, 0, count);
      in.position(in.position() + 4 * count);
      for (int i = 0; i < count; i++) a[to + i] = s[i] + a[to + i];
    }

    @Override
    void decodeSet(ByteBuffer in, int to, int count) {
      in.asFloatBuffer().get(a, to, count);
      in.position(in.position() + 4 * count);
    }
  }

  private static final class F64 extends Values {
    private final double[] a;
    private final Scratch scratch;

    F64(double[] a, Scratch scratch) {
      this.a = a;
      this.scratch = scratch;
    }

    @Override int bytesPer() { return 8; }

    @Override int typeCode() { return 1; }

    @Override
    void encode(int from, int count, ByteBuffer out) {
      out.asDoubleBuffer().put(a, from, count);
      out.position(out.position() + 8 * count);
    }

    @Override
    void decodeAdd(ByteBuffer in, int to, int count) {
      if (scratch.f64.length < count) scratch.f64 = new double[count];
      double[] s = scratch.f64;
      in.asDoubleBuffer().get(s, 0, count);
      in.position(in.position() + 8 * count);
      for (int i = 0; i < count; i++) a[to + i] = s[i] + a[to + i];
    }

    @Override
    void decodeSet(ByteBuffer in, int to, int count) {
      in.asDoubleBuffer().get(a, to, count);
      in.position(in.position() + 8 * count);
    }
  }
}
