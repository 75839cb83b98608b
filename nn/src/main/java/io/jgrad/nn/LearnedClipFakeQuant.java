package io.jgrad.nn;

import io.jgrad.autograd.Autograd;
import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * Fake quantization with learned asymmetric clipping (QAT): {@code b} bits,
 * {@code n = 2^b - 1} levels over [c_n, c_p], both clip values trainable.
 * <pre>
 *   x_c = clamp(x, c_n, c_p),  s = n / (c_p - c_n),  u = (x_c - c_n) s,  x^ = c_n + round(u) / s
 * </pre>
 * round is half-to-even (rint, as the reference kernel). Gradients, with a straight-through
 * estimator on round (LSQ/PACT style, as the reference's custom backward):
 * {@code dx = g} for c_n &lt; x &lt; c_p (0 outside); {@code dc_p = sum_{x >= c_p} g + sum_inside (round(u) - u)/n g};
 * {@code dc_n = sum_{x <= c_n} g + sum_inside (u - round(u))/n g}, one custom autograd node
 * ({@code Autograd.function}) whose forward is the kernel's {@code q = rint(x_c s - s c_n)},
 * {@code x^ = (q + s c_n) / s}; the backward is linear in g, so double backward is defined. Paper 64, "Mitigating the Impact
 * of Outlier Channels for Language Model Quantization with Activation Regularization" (reference
 * qat-pretrain). The reference CUDA backward computes the inside u as clamp(x - c_n, c_n, c_p) s,
 * which differs from its forward when c_n &lt; 0; this class uses the consistent form above.
 *
 * <p>In the paper it quantizes the input of a linear layer: wrap a layer with
 * {@link FakeQuantInput}; as a {@link Parametrization} it can also fake-quantize a weight
 * ({@code Parametrize.register(layer, "weight", q)}). The bit width can be changed between steps
 * ({@link #setBits}, for elastic-precision supernets). Parameters {@code clip_val} (c_p) and
 * {@code clip_valn} (c_n), 0-d. The reference example's initial values 4.0 and 3.0 look like a sign
 * typo; the defaults here are c_p = 4, c_n = -3 and should be chosen for the data.
 * Shape: any, elementwise.
 */
public final class LearnedClipFakeQuant extends Parametrization {
  public static final String ID = "learned_clip_fake_quant";
  private final Tensor clipVal, clipValn;
  private int bits;

  public LearnedClipFakeQuant(int bits, double clipVal, double clipValn) {
    checkBits(bits);
    if (!(clipVal > clipValn)) {
      throw new IllegalArgumentException(ID + ": clip_val must be > clip_valn, got clip_val=" + clipVal + " clip_valn=" + clipValn);
    }
    this.bits = bits;
    this.clipVal = registerParameter("clip_val", untracked(() -> Tensor.scalar(clipVal, defaultDType())));
    this.clipValn = registerParameter("clip_valn", untracked(() -> Tensor.scalar(clipValn, defaultDType())));
  }

  private static void checkBits(int bits) {
    if (bits < 1 || bits > 24) throw new IllegalArgumentException(ID + ": bits must be in 1..24, got " + bits);
  }

  /**
   * The fake-quantized {@code x} for clip values given as (0-d or broadcastable) tensors.
   * Shape: x any; cp, cn 0-d -> x's shape.
   */
  public static Tensor quantize(Tensor x, Tensor cp, Tensor cn, int bits) {
    checkBits(bits);
    double n = Math.pow(2, bits) - 1;
    // one node with the reference's custom backward (round is straight-through)
    return Autograd.function(ID, List.of(x, cp, cn), in -> {
      Tensor xi = in.get(0), p = in.get(1), q = in.get(2);
      Tensor s = p.sub(q).reciprocal().mul(n);
      Tensor xc = xi.maximum(q).minimum(p);
      return xc.mul(s).sub(s.mul(q)).round().add(s.mul(q)).div(s);
    }, (ctx, g) -> {
      Tensor xi = ctx.input(0).detach(), p = ctx.input(1).detach(), q = ctx.input(2).detach();
      Tensor inside = xi.gt(q).logicalAnd(xi.lt(p)).to(g.dtype());
      Tensor u = xi.sub(q).mul(n).div(p.sub(q));
      Tensor frac = u.round().sub(u).div(n).mul(inside);
      Tensor dcp = g.mul(xi.ge(p).to(g.dtype())).sum().add(g.mul(frac).sum());
      Tensor dcn = g.mul(xi.le(q).to(g.dtype())).sum().sub(g.mul(frac).sum());
      return new Tensor[] {g.mul(inside), dcp.reshape(p.shape()), dcn.reshape(q.shape())};
    });
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor cp = clipVal, cn = clipValn;
    if (!cp.device().equals(x.device())) throw new IllegalArgumentException(ID + ": clip values are on " + cp.device() + " but x is on " + x.device());
    return quantize(x, cp.to(x.dtype()), cn.to(x.dtype()), bits);
  }

  public int bits() { return bits; }

  /** Changes the bit width (for elastic-precision training). */
  public void setBits(int bits) {
    checkBits(bits);
    this.bits = bits;
  }

  /** c_p, the upper clip value (a parameter). */
  public Tensor clipVal() { return clipVal; }

  /** c_n, the lower clip value (a parameter). */
  public Tensor clipValn() { return clipValn; }

  @Override
  protected String extraRepr() { return "bits=" + bits; }
}
