package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Fft;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A program that runs one op of every CPU kernel family that has a Vector API twin (matmul
 * packed and direct, im2col/col2im, pooling, softmax by rows and columns, reductions, arg
 * reductions, unary, binary, comparisons and where, svd, eigh, FFT) and prints, per op, the
 * bit pattern of every output element folded into one hash, and the sum. NoVectorModuleTest
 * starts it in JVMs with and without {@code jdk.incubator.vector}.
 */
public final class KernelProbe {
  private KernelProbe() {}

  /** The outputs by name. */
  static Map<String, Tensor> run() {
    Generator g = new Generator(7);
    Map<String, Tensor> out = new LinkedHashMap<>();
    Tensor a = Tensor.randn(g, 96, 80), b = Tensor.randn(g, 80, 72);
    out.put("matmul_f32_packed", a.matmul(b));
    out.put("matmul_f32_direct", Tensor.randn(g, 5, 7).matmul(Tensor.randn(g, 7, 3)));
    Tensor ad = Tensor.randn(g, DType.FLOAT64, 70, 66);
    out.put("matmul_f64_packed", ad.matmul(ad.t()));
    Tensor x = Tensor.randn(g, 2, 3, 12, 12), w = Tensor.randn(g, 4, 3, 3, 3);
    out.put("conv2d", x.conv2d(w, null, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1));
    out.put("conv_transpose2d", x.convTranspose2d(Tensor.randn(g, 3, 2, 3, 3), null, new int[] {2, 2}, new int[] {1, 1},
        new int[] {1, 1}, 1, new int[] {1, 1}));
    out.put("fold2d", Tensor.randn(g, DType.FLOAT64, 1, 12, 36).fold2d(new int[] {7, 7}, new int[] {2, 2},
        new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}));
    out.put("max_pool2d", x.maxPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}, false));
    out.put("avg_pool2d", x.avgPool2d(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, false, true));
    out.put("softmax_rows", a.softmax(1));
    out.put("softmax_columns", a.logSoftmax(0));
    out.put("softmax_f64", ad.softmax(1));
    Tensor big = Tensor.randn(g, 300_000);
    out.put("sum_large", big.sum());
    out.put("sum_rows", a.sum(1));
    out.put("mean_columns", ad.mean(0));
    out.put("max_columns", a.max(new int[] {0}, false));
    out.put("argmax_rows", a.argmax(1, false));
    out.put("unary_f32", a.exp().add(a.tanh()).add(a.erf()).add(a.sigmoid()).add(a.abs().sqrt()));
    out.put("unary_f64", ad.exp().add(ad.erf()).add(ad.sin()).add(ad.pow(3)));
    out.put("binary_f32", a.mul(a.add(1)).sub(a.div(3)).maximum(a.mul(0.5)));
    out.put("binary_f64", ad.mul(ad).add(ad.flip(0).abs()).pow(ad.abs().add(0.5)));
    out.put("compare_where", Tensor.where(a.lt(0.25), a, a.mul(-2)));
    Tensor sym = ad.narrow(1, 0, 40).t().matmul(ad.narrow(1, 0, 40));
    out.put("svdvals", Linalg.svdvals(ad.narrow(0, 0, 40)));
    out.put("eigh_values", Linalg.eigh(sym).eigenvalues());
    out.put("svd_f32", Linalg.svd(a.narrow(0, 0, 24).narrow(1, 0, 20), false).S());
    out.put("rfft", Fft.rfft(Tensor.randn(g, DType.FLOAT64, 4, 120)));
    out.put("sort", a.sort(1, true).values());
    return out;
  }

  /** One line per op: {@code name hash sum}. */
  public static void main(String[] args) {
    run().forEach((name, t) -> System.out.println(name + " " + hash(t) + " " + t.to(DType.FLOAT64).sum().item()));
  }

  static String hash(Tensor t) {
    long h = 1;
    if (t.dtype() == DType.FLOAT32) for (float v : t.toFloatArray()) h = 31 * h + Float.floatToRawIntBits(v);
    else if (t.dtype() == DType.INT64) for (long v : t.toLongArray()) h = 31 * h + v;
    else for (double v : t.toDoubleArray()) h = 31 * h + Double.doubleToRawLongBits(v);
    return Long.toHexString(h);
  }
}
