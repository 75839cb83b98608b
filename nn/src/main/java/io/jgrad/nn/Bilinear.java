package io.jgrad.nn;

import io.jgrad.nn.init.Init;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * y_o = x1^T W_o x2 + b_o, as torch.nn.Bilinear: weight [out, in1, in2], bias [out], both
 * U(-1/sqrt(in1), 1/sqrt(in1)). Two inputs: {@code call(x1, x2)} (or {@link #forward(Tensor, Tensor)}).
 * Shape: [*, in1], [*, in2] -> [*, out].
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Bilinear.html">torch.nn.Bilinear</a>
 */
public class Bilinear extends Module {
  private final int in1, in2, out;
  private final Tensor weight, bias;

  public Bilinear(int in1, int in2, int out) { this(in1, in2, out, true, Generator.defaultGenerator()); }

  public Bilinear(int in1, int in2, int out, boolean bias, Generator g) {
    this.in1 = in1;
    this.in2 = in2;
    this.out = out;
    double bound = in1 > 0 ? 1 / Math.sqrt(in1) : 0;
    weight = registerParameter("weight", untracked(() -> Tensor.zeros(defaultDType(), out, in1, in2)));
    Init.uniform(weight, -bound, bound, g);
    this.bias = bias ? registerParameter("bias", untracked(() -> Tensor.zeros(defaultDType(), out))) : null;
    if (bias) Init.uniform(this.bias, -bound, bound, g);
  }

  /** Two inputs (x1, x2): {@code bilinear.call(x1, x2)}. */
  @Override
  public Tensor forward(Tensor... inputs) {
    expectInputs(inputs, 2, 2, "x1, x2");
    return forward(inputs[0], inputs[1]);
  }

  public Tensor forward(Tensor x1, Tensor x2) {
    int[] s1 = x1.shape(), s2 = x2.shape();
    if (x1.dim() < 1 || x1.size(-1) != in1 || x2.dim() < 1 || x2.size(-1) != in2
        || !Arrays.equals(Arrays.copyOf(s1, s1.length - 1), Arrays.copyOf(s2, Math.max(s2.length - 1, 0)))) {
      throw new IllegalArgumentException("Bilinear: expected inputs [*, " + in1 + "] and [*, " + in2 + "] with the same batch shape, got "
          + Arrays.toString(s1) + " and " + Arrays.toString(s2));
    }
    Tensor y = Tensor.einsum("bi,oij,bj->bo", x1.reshape(-1, in1), parametrized("weight", weight), x2.reshape(-1, in2));
    if (bias != null) y = y.add(parametrized("bias", bias));
    int[] os = s1.clone();
    os[os.length - 1] = out;
    return y.reshape(os);
  }

  @Override
  protected String extraRepr() { return "in1=" + in1 + ", in2=" + in2 + ", out=" + out; }
}
