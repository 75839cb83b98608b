package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.kernels.opencl.Differential.Input;
import io.jgrad.kernels.opencl.Differential.Layout;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.Backends;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.View;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** upload/download/copy (every dtype pair, every layout)/fill against the CPU backend. */
@RequiresOpenCL
class ClCopyTest {
  private static final DType[] DTYPES = DType.values();

  @Test
  void copyEveryDtypePairAndLayout() {
    SplittableRandom r = new SplittableRandom(1);
    int cases = 0;
    for (DType from : DTYPES) {
      for (DType to : DTYPES) {
        for (int[] shape : Differential.SHAPES) {
          for (Layout l : Layout.values()) {
            Input x = Differential.input(from, shape, l, r, big(from, to));
            // The destination is strided too (never broadcast: it is written).
            Layout dl = l == Layout.BROADCAST ? Layout.TRANSPOSED : l;
            Input out = Differential.input(to, shape, dl, r, Differential.DEFAULT).relabel("out-" + dl);
            cases += Differential.check("copy " + x + " -> " + to, (be, v) -> {
              be.copy(v[0], v[1]);
              return null;
            }, Differential.tolerance(to), x, out);
          }
        }
      }
    }
    assertEquals(DTYPES.length * DTYPES.length * Differential.SHAPES.size() * 4, cases);
  }

  // Float to int: include values out of int range, NaN and infinities (x86 gives the minimum).
  private static Differential.Values big(DType from, DType to) {
    return (r, t) -> {
      if (!t.isFloatingPoint() || r.nextInt(4) != 0) return Differential.SPECIALS.next(r, t);
      return r.nextBoolean() ? r.nextDouble(-1e19, 1e19) : r.nextDouble(-3e9, 3e9);
    };
  }

  @Test
  void fillEveryDtype() {
    SplittableRandom r = new SplittableRandom(2);
    double[] values = {0, -1.5, 2.75, 1e10, Double.NaN, Double.NEGATIVE_INFINITY, 3e9};
    int cases = 0;
    for (DType t : DTYPES) {
      for (double value : values) {
        for (int[] shape : new int[][] {{0}, {1}, {17}, {4, 5}}) {
          Input out = Differential.input(t, shape, Layout.STRIDED, r, Differential.DEFAULT);
          cases += Differential.check("fill " + value + " " + out, (be, v) -> {
            be.fill(v[0], value);
            return null;
          }, Differential.tolerance(t), out);
        }
      }
    }
    assertEquals(DTYPES.length * values.length * 4, cases);
  }

  @Test
  void uploadDownloadRoundTripsEveryDtype() {
    Backend cl = Differential.opencl();
    SplittableRandom r = new SplittableRandom(3);
    for (DType t : DTYPES) {
      Object host = Differential.base(t, 97, r, Differential.SPECIALS);
      Buffer b = cl.upload(t, host);
      try {
        Object back = cl.download(new View(b, t, new int[] {97}, new int[] {1}, 0));
        Differential.compare("round trip " + t, host, back, new Differential.Tolerance(0, 0));
        Object tail = cl.download(new View(b, t, new int[] {10}, new int[] {1}, 87));
        Object want = java.lang.reflect.Array.newInstance(t.carrier().componentType(), 10);
        System.arraycopy(host, 87, want, 0, 10);
        Differential.compare("offset download " + t, want, tail, new Differential.Tolerance(0, 0));
      } finally {
        b.release();
      }
    }
  }

  @Test
  void uploadRejectsWrongCarrierAndMixedDevices() {
    Backend cl = Differential.opencl();
    var e = assertThrows(IllegalArgumentException.class, () -> cl.upload(DType.FLOAT32, new int[3]));
    assertTrue(e.getMessage().contains("float32") && e.getMessage().contains("int[]"), e.getMessage());
    Buffer cpu = Backends.cpu().upload(DType.FLOAT32, new float[] {1, 2});
    Buffer dev = cl.allocate(DType.FLOAT32, 2);
    try {
      View a = new View(cpu, DType.FLOAT32, new int[] {2}, new int[] {1}, 0);
      View b = new View(dev, DType.FLOAT32, new int[] {2}, new int[] {1}, 0);
      var m = assertThrows(IllegalArgumentException.class, () -> cl.copy(a, b));
      assertTrue(m.getMessage().contains("expected same device") && m.getMessage().contains("cpu"), m.getMessage());
    } finally {
      cpu.release();
      dev.release();
    }
  }

  @Test
  void downloadOfBroadcastViewRepeatsElements() {
    Backend cl = Differential.opencl();
    Buffer b = cl.upload(DType.INT32, new int[] {4, 5, 6});
    try {
      Object got = cl.download(new View(b, DType.INT32, new int[] {2, 3}, new int[] {0, 1}, 0));
      assertArrayEquals(new int[] {4, 5, 6, 4, 5, 6}, (int[]) got);
    } finally {
      b.release();
    }
  }
}
