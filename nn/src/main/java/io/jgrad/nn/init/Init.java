package io.jgrad.nn.init;

import io.jgrad.autograd.Grad;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.Arrays;

/**
 * Parameter initialisers, as torch.nn.init: each fills {@code t} in place (without recording
 * gradients) from the given {@link Generator} and returns it.
 *
 * <p>Fans: for a weight of shape [out, in, k...], fanIn = in * prod(k), fanOut = out * prod(k).
 * Xavier/Glorot is from "Understanding the difficulty of training deep feedforward neural
 * networks"; Kaiming/He from "Delving Deep into Rectifiers"; orthogonal from "Exact solutions to
 * the nonlinear dynamics of learning in deep linear neural networks". Bounds and gains checked
 * against torch.nn.init 1.13.
 *
 * @see <a href="https://pytorch.org/docs/1.13/nn.init.html">torch.nn.init</a>
 */
public final class Init {
  private Init() {}

  /** U(a, b). */
  public static Tensor uniform(Tensor t, double a, double b, Generator g) {
    if (!(a <= b)) throw new IllegalArgumentException("uniform: a " + a + " must be <= b " + b);
    return fillFrom(t, () -> Tensor.rand(g, t.dtype(), t.shape()).mul(b - a).add(a));
  }

  /** N(mean, std^2). */
  public static Tensor normal(Tensor t, double mean, double std, Generator g) {
    if (!(std >= 0)) throw new IllegalArgumentException("normal: std " + std + " must be >= 0");
    return fillFrom(t, () -> Tensor.randn(g, t.dtype(), t.shape()).mul(std).add(mean));
  }

  public static Tensor constant(Tensor t, double value) {
    try (var off = Grad.disabled()) {
      t.fill(value);
    }
    return t;
  }

  public static Tensor zeros(Tensor t) { return constant(t, 0); }

  public static Tensor ones(Tensor t) { return constant(t, 1); }

  /**
   * torch.nn.init.calculate_gain: linear, conv1d, conv2d, conv3d, sigmoid: 1; tanh: 5/3;
   * relu: sqrt(2); leaky_relu: sqrt(2 / (1 + param^2)) (param = negative slope, NaN means 0.01);
   * selu: 3/4.
   */
  public static double calculateGain(String nonlinearity, double param) {
    return switch (nonlinearity) {
      case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "sigmoid" -> 1.0;
      case "tanh" -> 5.0 / 3;
      case "relu" -> Math.sqrt(2.0);
      case "leaky_relu" -> {
        double s = Double.isNaN(param) ? 0.01 : param;
        yield Math.sqrt(2.0 / (1 + s * s));
      }
      case "selu" -> 3.0 / 4;
      default -> throw new IllegalArgumentException("calculateGain: unsupported nonlinearity '" + nonlinearity + "'");
    };
  }

  public static double calculateGain(String nonlinearity) { return calculateGain(nonlinearity, Double.NaN); }

  /** {fanIn, fanOut} of a weight with at least 2 dimensions. */
  public static int[] fans(Tensor t) {
    int[] s = t.shape();
    if (s.length < 2) {
      throw new IllegalArgumentException("fans: fan in and fan out need a tensor with at least 2 dimensions, got shape "
          + Arrays.toString(s));
    }
    int receptive = 1;
    for (int i = 2; i < s.length; i++) receptive *= s[i];
    return new int[] {s[1] * receptive, s[0] * receptive};
  }

  /** U(-a, a) with a = gain * sqrt(6 / (fanIn + fanOut)). */
  public static Tensor xavierUniform(Tensor t, double gain, Generator g) {
    int[] f = fans(t);
    double a = gain * Math.sqrt(6.0 / (f[0] + f[1]));
    return uniform(t, -a, a, g);
  }

  /** N(0, std^2) with std = gain * sqrt(2 / (fanIn + fanOut)). */
  public static Tensor xavierNormal(Tensor t, double gain, Generator g) {
    int[] f = fans(t);
    return normal(t, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), g);
  }

  private static double kaimingStd(Tensor t, double a, FanMode mode, String nonlinearity) {
    int[] f = fans(t);
    int fan = mode == FanMode.FAN_IN ? f[0] : f[1];
    if (fan == 0) throw new IllegalArgumentException("kaiming: fan is 0 for shape " + Arrays.toString(t.shape()));
    return calculateGain(nonlinearity, a) / Math.sqrt(fan);
  }

  /** U(-b, b) with b = gain(nonlinearity, a) * sqrt(3 / fan). */
  public static Tensor kaimingUniform(Tensor t, double a, FanMode mode, String nonlinearity, Generator g) {
    double bound = Math.sqrt(3.0) * kaimingStd(t, a, mode, nonlinearity);
    return uniform(t, -bound, bound, g);
  }

  /** N(0, std^2) with std = gain(nonlinearity, a) / sqrt(fan). */
  public static Tensor kaimingNormal(Tensor t, double a, FanMode mode, String nonlinearity, Generator g) {
    return normal(t, 0, kaimingStd(t, a, mode, nonlinearity), g);
  }

  /**
   * PyTorch's default initialisation of Linear and convolution layers ({@code reset_parameters}):
   * weight ~ kaiming_uniform(a = sqrt(5)), bias ~ U(-1/sqrt(fanIn), 1/sqrt(fanIn)) (bias may be null).
   */
  public static void layerDefaults(Tensor weight, Tensor bias, Generator g) {
    kaimingUniform(weight, Math.sqrt(5), FanMode.FAN_IN, "leaky_relu", g);
    if (bias != null) {
      int fanIn = fans(weight)[0];
      double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform(bias, -bound, bound, g);
    }
  }

  /**
   * A (semi-)orthogonal matrix times {@code gain}: the Q factor of a Gaussian matrix with R's
   * diagonal made positive (QR by modified Gram-Schmidt in float64 on the host). Tensors with more
   * than 2 dimensions are flattened to [size(0), numel / size(0)].
   */
  public static Tensor orthogonal(Tensor t, double gain, Generator g) {
    if (t.dim() < 2) throw new IllegalArgumentException("orthogonal: only tensors with 2 or more dimensions are supported, got shape "
        + Arrays.toString(t.shape()));
    int rows = t.size(0), cols = t.numel() / Math.max(rows, 1);
    if (t.numel() == 0) return t;
    boolean wide = rows < cols;
    int m = wide ? cols : rows, n = wide ? rows : cols;
    double[] a;
    try (Tensor z = Tensor.randn(g, io.jgrad.tensor.DType.FLOAT64, rows, cols)) {
      a = z.toDoubleArray();
    }
    // column j of the m x n matrix A: A[i][j] = flat[i*cols+j] (tall) or flat[j*cols+i] (wide, transposed)
    double[][] q = new double[n][m];
    for (int j = 0; j < n; j++) for (int i = 0; i < m; i++) q[j][i] = wide ? a[j * cols + i] : a[i * cols + j];
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < j; k++) {
        double dot = 0;
        for (int i = 0; i < m; i++) dot += q[k][i] * q[j][i];
        for (int i = 0; i < m; i++) q[j][i] -= dot * q[k][i];
      }
      double norm = 0;
      for (int i = 0; i < m; i++) norm += q[j][i] * q[j][i];
      norm = Math.sqrt(norm);
      for (int i = 0; i < m; i++) q[j][i] /= norm;
    }
    double[] out = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) out[r * cols + c] = gain * (wide ? q[r][c] : q[c][r]);
    }
    return fillFrom(t, () -> Tensor.fromArray(out, t.shape()));
  }

  private static Tensor fillFrom(Tensor t, java.util.function.Supplier<Tensor> values) {
    try (var off = Grad.disabled(); var scope = TensorScope.open()) {
      // Drawn on the host (the generator's stream is the same on every device), then moved.
      Tensor v = values.get();
      t.copyFrom(v.device().equals(t.device()) ? v : v.to(t.device()));
    }
    return t;
  }
}
