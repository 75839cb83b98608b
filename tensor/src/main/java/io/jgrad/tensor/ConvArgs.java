package io.jgrad.tensor;

import io.jgrad.tensor.spi.Window2d;
import java.util.Arrays;

/**
 * Checked arguments of a 1-D or 2-D (transposed) convolution: per spatial dim kernel, stride,
 * padding, dilation and output padding. {@link #check} throws IllegalArgumentExceptions that
 * name the op and the values, in the op's own rank (conv1d speaks of lengths, conv2d of HxW).
 */
final class ConvArgs {
  final int[] kernel, stride, padding, dilation, outputPadding;

  private ConvArgs(int[] kernel, int[] stride, int[] padding, int[] dilation, int[] outputPadding) {
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.dilation = dilation;
    this.outputPadding = outputPadding;
  }

  /** The 2-D window (no ceil mode). */
  Window2d window() {
    return new Window2d(kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1], false);
  }

  /**
   * Validates a convolution with r spatial dims. Weight is [O, C/groups, k...] or, transposed,
   * [C, O/groups, k...]. Per-dim arrays may be null (defaults), one value or r values.
   */
  static ConvArgs check(String op, Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                        int[] outputPadding, int groups, int r, boolean transposed) {
    String kdims = r == 1 ? "k" : "kH, kW";
    if (x.dim() != r + 1 && x.dim() != r + 2) {
      throw new IllegalArgumentException(op + ": expected a " + (r + 1) + "-D (unbatched) or " + (r + 2)
          + "-D (batched) input, got " + Shapes.str(x.shape()));
    }
    if (weight.dim() != r + 2) {
      throw new IllegalArgumentException(op + ": expected a " + (r + 2) + "-D weight "
          + (transposed ? "[C, O/groups, " : "[O, C/groups, ") + kdims + "], got " + Shapes.str(weight.shape()));
    }
    checkDtypes(op, x, weight, bias);
    if (groups <= 0) throw new IllegalArgumentException(op + ": groups must be positive, got " + groups);
    int[] s = perDim(op, "stride", stride, r, 1, 1);
    int[] p = perDim(op, "padding", padding, r, 0, 0);
    int[] d = perDim(op, "dilation", dilation, r, 1, 1);
    int[] op0 = perDim(op, "outputPadding", outputPadding, r, 0, 0);
    int[] ws = weight.shape(), xs = x.shape();
    int[] k = Arrays.copyOfRange(ws, 2, 2 + r);
    int[] in = Arrays.copyOfRange(xs, xs.length - r, xs.length);
    for (int v : k) {
      if (v <= 0) throw new IllegalArgumentException(op + ": weight " + Shapes.str(ws) + " has an empty kernel");
    }
    int outChannels = checkChannels(op, xs[xs.length - r - 1], ws, groups, transposed);
    if (bias != null && (bias.dim() != 1 || bias.size(0) != outChannels)) {
      throw new IllegalArgumentException(op + ": bias must be 1-D with " + outChannels
          + " elements (one per output channel), got " + Shapes.str(bias.shape()));
    }
    if (transposed) checkTransposedSize(op, in, k, s, p, d, op0);
    else {
      for (int i = 0; i < r; i++) {
        if (in[i] + 2 * p[i] < d[i] * (k[i] - 1) + 1) {
          throw new IllegalArgumentException(op + ": kernel " + dims(k) + " (dilation " + dims(d)
              + ") is larger than the padded input " + dims(padded(in, p)));
        }
      }
    }
    return new ConvArgs(k, s, p, d, op0);
  }

  private static void checkDtypes(String op, Tensor x, Tensor weight, Tensor bias) {
    if (x.dtype().isBool()) throw new IllegalArgumentException(op + ": not implemented for bool input");
    if (weight.dtype() != x.dtype()) {
      throw new IllegalArgumentException(op + ": input is " + x.dtype() + " but weight is " + weight.dtype());
    }
    if (bias != null && bias.dtype() != x.dtype()) {
      throw new IllegalArgumentException(op + ": input is " + x.dtype() + " but bias is " + bias.dtype());
    }
    for (Tensor t : new Tensor[] {weight, bias}) if (t != null) Devices.requireSame(op, x, t);
  }

  /** Checks channel counts against groups; returns the number of output channels. */
  private static int checkChannels(String op, int c, int[] ws, int groups, boolean transposed) {
    if (transposed) {
      if (ws[0] % groups != 0) {
        throw new IllegalArgumentException(op + ": groups=" + groups + " must divide the " + ws[0]
            + " input channels of weight " + Shapes.str(ws));
      }
      if (c != ws[0]) {
        throw new IllegalArgumentException(op + ": input has " + c + " channels but weight " + Shapes.str(ws)
            + " expects " + ws[0] + " (groups=" + groups + ")");
      }
      if (ws[1] == 0) throw new IllegalArgumentException(op + ": weight " + Shapes.str(ws) + " has no output channels");
      return ws[1] * groups;
    }
    if (ws[0] == 0) throw new IllegalArgumentException(op + ": weight " + Shapes.str(ws) + " has no output channels");
    if (ws[0] % groups != 0) {
      throw new IllegalArgumentException(op + ": groups=" + groups + " must divide the " + ws[0]
          + " output channels of weight " + Shapes.str(ws));
    }
    if (c != ws[1] * groups) {
      throw new IllegalArgumentException(op + ": input has " + c + " channels but weight " + Shapes.str(ws)
          + " expects " + ws[1] * groups + " (groups=" + groups + ")");
    }
    return ws[0];
  }

  private static void checkTransposedSize(String op, int[] in, int[] k, int[] s, int[] p, int[] d, int[] outPad) {
    int r = in.length;
    int[] out = new int[r];
    for (int i = 0; i < r; i++) {
      if (outPad[i] >= s[i] && outPad[i] >= d[i]) {
        throw new IllegalArgumentException(op + ": outputPadding " + Arrays.toString(outPad)
            + " must be smaller than stride " + Arrays.toString(s) + " or dilation " + Arrays.toString(d));
      }
      out[i] = (in[i] - 1) * s[i] - 2 * p[i] + d[i] * (k[i] - 1) + outPad[i] + 1;
    }
    for (int v : out) {
      if (v <= 0) {
        throw new IllegalArgumentException(op + ": output size " + dims(out) + " is too small for input " + dims(in));
      }
    }
  }

  /**
   * One value per spatial dim: null gives dflt, one value is repeated. Values below min are
   * rejected ("must be positive" for min 1, "must be non-negative" for min 0).
   */
  static int[] perDim(String op, String name, int[] v, int r, int dflt, int min) {
    int[] out = new int[r];
    if (v == null) Arrays.fill(out, dflt);
    else if (v.length == 1) Arrays.fill(out, v[0]);
    else if (v.length == r) System.arraycopy(v, 0, out, 0, r);
    else {
      throw new IllegalArgumentException(op + ": " + name + " needs 1 or " + r + " values, got " + Arrays.toString(v));
    }
    for (int x : out) {
      if (x < min) {
        throw new IllegalArgumentException(op + ": " + name + " must be " + (min > 0 ? "positive" : "non-negative")
            + ", got " + Arrays.toString(v));
      }
    }
    return out;
  }

  /** "3x5" for [3, 5], "7" for [7]. */
  static String dims(int[] v) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : "x").append(v[i]);
    return b.toString();
  }

  private static int[] padded(int[] in, int[] p) {
    int[] out = new int[in.length];
    for (int i = 0; i < in.length; i++) out[i] = in[i] + 2 * p[i];
    return out;
  }
}
