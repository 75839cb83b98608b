package io.jgrad.nn;

import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.Grad;
import io.jgrad.autograd.StraightThrough;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bit-wise weights: each weight is built from learned real-valued "virtual bits",
 * {@code w = alpha * to_sign(b_s) * sum_{i=0}^{B-2} to_bit(b_i) 2^i}, an integer of B - 1
 * magnitude bits and a sign, scaled by {@code alpha = sqrt(2 / fan_in) / std(k)} (k the integer
 * weights, population std, alpha a constant without gradient) so the layer keeps He's initial
 * standard deviation. Paper 116, "Bit-wise Training of Neural Network Weights"; reference code of
 * the paper (ICLR 2022 submission, layers LinearBit/Conv2dBit and localFunctions.py):
 * {@code to_bit(x) = H(x)} (1 for x > 0, else 0) with the identity as its gradient and
 * {@code to_sign(x) = (-1)^H(x)} (-1 for x > 0, else +1) with gradient {@code -g}. The
 * reference finds alpha by bisection to 0.1%; this class uses the value it converges to.
 *
 * <p>A {@link Parametrization} with B originals ({@code original0..original(B-2)} the magnitude
 * bits, least significant first, {@code original(B-1)} the sign): register it on a layer's
 * weight with {@link Parametrize#register} (then build the optimizer: the bits are new tensors).
 * The bits are initialized as the reference does, from the seed: He-scaled normals, with the
 * magnitude bits of a weight redrawn while they would all be 0 (no weight starts at zero); the
 * layer's previous values are not kept. {@code trainable} freezes bits (their gradient is
 * dropped). Weights are exact integers times alpha, so whole weights can become exactly zero.
 */
public final class BitwiseWeight extends Parametrization {
  public static final String ID = "bitwise_weight_layer";
  private final int bits;
  private final boolean[] trainable;
  private final Generator generator;

  /** {@code bits} >= 2 in all (B - 1 magnitude bits and a sign); every bit trainable. */
  public BitwiseWeight(int bits, long seed) { this(bits, null, seed); }

  /** {@code trainable[i]} for bit i (magnitude bits first, the sign last); null = all trainable. */
  public BitwiseWeight(int bits, boolean[] trainable, long seed) {
    if (bits < 2 || bits > 24) throw new IllegalArgumentException(ID + ": bits must be in 2..24, got " + bits);
    if (trainable != null && trainable.length != bits) {
      throw new IllegalArgumentException(ID + ": trainable_bits has " + trainable.length + " entries but bits=" + bits);
    }
    this.bits = bits;
    this.trainable = trainable == null ? null : trainable.clone();
    this.generator = new Generator(seed);
  }

  /** H(x) forward (1 for x > 0, else 0), identity backward: one custom node. */
  public static Tensor toBit(Tensor x) { return StraightThrough.identity("to_bit", x, t -> t.gt(0).to(t.dtype())); }

  /** (-1)^H(x) forward (-1 for x > 0, else +1), backward -g: one custom node. */
  public static Tensor toSign(Tensor x) {
    return Autograd.function("to_sign", List.of(x), in -> in.get(0).gt(0).to(in.get(0).dtype()).mul(-2).add(1),
        (ctx, g) -> new Tensor[] {g.neg()});
  }

  /**
   * The weight from magnitude bits {@code b} (B - 1 tensors, least significant first) and the
   * sign latent {@code s}: {@code alpha * to_sign(s) * sum_i to_bit(b_i) 2^i}. Shape: all alike.
   */
  public static Tensor compose(List<Tensor> magnitude, Tensor sign, double desiredStd) {
    Tensor mag = null;
    for (int i = 0; i < magnitude.size(); i++) {
      Tensor t = toBit(magnitude.get(i)).mul(Math.pow(2, i));
      mag = mag == null ? t : mag.add(t);
    }
    Tensor k = mag == null ? toSign(sign) : toSign(sign).mul(mag);
    double alpha;
    try (var off = Grad.disabled()) {
      double std = k.detach().std(new int[0], 0, false).item();
      alpha = std == 0 ? 1 : desiredStd / std;
    }
    return k.mul(alpha);
  }

  /** He's standard deviation for a weight of this shape: sqrt(2 / fan_in), fan_in = prod(shape[1:]). */
  public static double desiredStd(int[] shape) {
    long fanIn = 1;
    for (int i = 1; i < shape.length; i++) fanIn *= shape[i];
    if (shape.length < 2 || fanIn == 0) throw new IllegalArgumentException(ID + ": needs a weight of rank >= 2, got " + Arrays.toString(shape));
    return Math.sqrt(2.0 / fanIn);
  }

  @Override
  public Tensor forward(Tensor w) { throw new UnsupportedOperationException(ID + " has " + bits + " originals: use forward(List)"); }

  @Override
  public Tensor forward(List<Tensor> originals) {
    if (originals.size() != bits) throw new IllegalArgumentException(ID + ": expected " + bits + " bit tensors, got " + originals.size());
    List<Tensor> o = new ArrayList<>();
    for (int i = 0; i < bits; i++) o.add(trainable != null && !trainable[i] ? originals.get(i).detach() : originals.get(i));
    return compose(o.subList(0, bits - 1), o.get(bits - 1), desiredStd(originals.get(0).shape()));
  }

  /** The reference's initialization of the bits for a weight of {@code value}'s shape (values ignored). */
  @Override
  public List<Tensor> rightInverse(Tensor value) {
    int[] shape = value.shape();
    double a = desiredStd(shape);
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < bits; i++) out.add(Tensor.randn(generator, value.dtype(), shape).mul(a));
    if (bits > 1) {
      // redraw the magnitude bits of weights whose magnitude bits are all <= 0 (integer 0)
      for (int round = 0; round < 1000; round++) {
        Tensor anyOn = null;
        for (int i = 0; i < bits - 1; i++) anyOn = anyOn == null ? out.get(i).gt(0) : anyOn.logicalOr(out.get(i).gt(0));
        Tensor zero = anyOn.logicalNot();
        if (zero.countNonzero().item() == 0) break;
        for (int i = 0; i < bits - 1; i++) {
          Tensor fresh = Tensor.randn(generator, value.dtype(), shape).mul(a);
          out.set(i, Tensor.where(zero, fresh, out.get(i)));
        }
      }
    }
    List<Tensor> placed = new ArrayList<>();
    for (Tensor t : out) placed.add(t.to(value.device()));
    return placed;
  }

  public int bits() { return bits; }

  @Override
  protected String extraRepr() { return "bits=" + bits; }
}
