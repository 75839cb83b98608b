package io.jgrad.losses.attack;

import io.jgrad.losses.Losses;
import io.jgrad.nn.Module;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * Projected gradient descent on the inputs (Madry et al. 2018, "Towards Deep Learning Models
 * Resistant to Adversarial Attacks"), L-inf or L2, as torchattacks' {@code PGD} and {@code
 * PGDL2} (the reference the goldens re-implement). From x_0 = clamp_range(x + delta_0) (delta_0 =
 * 0, or a random start), each of {@code steps} steps:
 * <pre>
 *   g = d loss(model(x_t), y) / d x_t              (targeted: -loss towards the target labels y)
 *   L-inf: x' = x_t + alpha sign(g);            delta = clamp(x' - x, -eps, eps)
 *   L2:    x' = x_t + alpha g / (||g||_2 + 1e-10); delta = (x' - x) min(1, eps / ||x' - x||_2)
 *   x_{t+1} = clamp_range(x + delta)
 * </pre>
 * with norms per example over all its features. Random start: L-inf delta_0 ~ U(-eps, eps); L2
 * delta_0 = eps r n / ||n||_2 with n ~ N(0, I), r ~ U(0, 1) (torchattacks' PGDL2). The loss is
 * cross entropy (mean over the batch) unless another is given. The model runs in eval mode (its
 * mode is restored); gradients are taken with {@code Autograd.grad} on the input only, so no
 * parameter's {@code grad()} changes. Shape: x [B, ...], y [B] -> [B, ...], detached.
 *
 * <pre>{@code
 * Pgd pgd = Pgd.builder(Norm.LINF, 8 / 255.0, DataRange.of(0, 1)).stepSize(2 / 255.0).steps(10)
 *     .randomStart(new Generator(0)).build();
 * Tensor xAdv = pgd.perturb(model, x, y);
 * }</pre>
 *
 * @see <a href="https://arxiv.org/abs/1706.06083">Madry et al. 2018</a>
 * @see <a href="https://github.com/Harry24k/adversarial-attacks-pytorch">torchattacks</a>
 */
public final class Pgd implements Attack {
  private final String name;
  private final Norm norm;
  private final double eps, stepSize;
  private final int steps;
  private final Generator randomStart;
  private final DataRange range;
  private final BiFunction<Tensor, Tensor, Tensor> loss;
  private final boolean targeted;

  private Pgd(Builder b) {
    this.name = b.name;
    this.norm = b.norm;
    this.eps = b.eps;
    this.steps = b.steps;
    this.stepSize = Double.isNaN(b.stepSize) ? 2.5 * b.eps / b.steps : b.stepSize;
    this.randomStart = b.randomStart;
    this.range = b.range;
    this.loss = b.loss;
    this.targeted = b.targeted;
  }

  /**
   * A PGD attack within the {@code norm} ball of radius {@code eps}, clamped to {@code range}.
   * Defaults: 10 steps of 2.5 eps / steps (Madry et al.), no random start, cross entropy, untargeted.
   */
  public static Builder builder(Norm norm, double eps, DataRange range) { return new Builder("pgd", norm, eps, range); }

  @Override
  public Tensor perturb(Module model, Tensor x, Tensor y) { return perturb(model, x, y, null); }

  /**
   * As {@link #perturb(Module, Tensor, Tensor)} from the given start {@code delta0} (x's shape;
   * it is projected into the eps ball), instead of the random start: for reproducing a run.
   */
  public Tensor perturb(Module model, Tensor x, Tensor y, Tensor delta0) {
    check(model, x, y, delta0);
    boolean wasTraining = model.isTraining();
    model.eval();
    try (GradMode.Scope on = GradMode.enabled()) {
      Tensor x0 = x.detach();
      Tensor delta = delta0 != null ? delta0.detach() : randomStart != null ? AttackSteps.randomStart(norm, eps, x0, randomStart) : null;
      Tensor adv = delta == null ? x0 : range.clamp(x0.add(AttackSteps.project(norm, delta.to(x0.dtype()), eps)));
      for (int t = 0; t < steps; t++) {
        Tensor g = AttackSteps.inputGradient(name, model, adv, y, loss);
        adv = AttackSteps.step(norm, adv, targeted ? g.neg() : g, stepSize);
        adv = range.clamp(x0.add(AttackSteps.project(norm, adv.sub(x0), eps)));
      }
      return adv.detach();
    } finally {
      model.train(wasTraining);
    }
  }

  private void check(Module model, Tensor x, Tensor y, Tensor delta0) {
    if (model == null || x == null || y == null) throw new IllegalArgumentException(name + ": model, x and y must not be null");
    if (!x.dtype().isFloatingPoint()) throw new IllegalArgumentException(name + ": x must be floating point, got " + x.dtype());
    if (x.dim() < 1 || y.dim() < 1 || y.size(0) != x.size(0)) {
      throw new IllegalArgumentException(name + ": x " + Shapes.str(x.shape()) + " and y " + Shapes.str(y.shape())
          + " must have the same batch size");
    }
    if (delta0 != null && !Arrays.equals(delta0.shape(), x.shape())) {
      throw new IllegalArgumentException(name + ": the start delta0 " + Shapes.str(delta0.shape()) + " must have x's shape "
          + Shapes.str(x.shape()));
    }
    range.check(name, x);
  }

  public Norm norm() { return norm; }

  public double eps() { return eps; }

  public double stepSize() { return stepSize; }

  public int steps() { return steps; }

  @Override
  public String toString() {
    return name + "(" + norm + ", eps=" + eps + ", stepSize=" + stepSize + ", steps=" + steps + ", randomStart="
        + (randomStart != null) + ", " + range + (targeted ? ", targeted" : "") + ")";
  }

  /** Settings of a {@link Pgd} (or {@link Fgsm}) attack. */
  public static final class Builder {
    private final String name;
    private final Norm norm;
    private final double eps;
    private final DataRange range;
    private double stepSize = Double.NaN;
    private int steps = 10;
    private Generator randomStart;
    private BiFunction<Tensor, Tensor, Tensor> loss = Losses::crossEntropy;
    private boolean targeted;

    Builder(String name, Norm norm, double eps, DataRange range) {
      if (norm == null) throw new IllegalArgumentException(name + ": norm is null (Norm.LINF or Norm.L2)");
      if (!(eps >= 0) || Double.isInfinite(eps)) throw new IllegalArgumentException(name + ": eps must be >= 0 and finite, got " + eps);
      if (range == null) {
        throw new IllegalArgumentException(name + ": range is null; give the data range, e.g. DataRange.of(0, 1), or DataRange.unbounded()");
      }
      this.name = name;
      this.norm = norm;
      this.eps = eps;
      this.range = range;
    }

    /** The step size alpha (default 2.5 eps / steps). */
    public Builder stepSize(double alpha) {
      if (!(alpha > 0) || Double.isInfinite(alpha)) throw new IllegalArgumentException(name + ": stepSize must be > 0, got " + alpha);
      this.stepSize = alpha;
      return this;
    }

    /** The number of gradient steps (default 10). */
    public Builder steps(int n) {
      if (n < 1) throw new IllegalArgumentException(name + ": steps must be >= 1, got " + n);
      this.steps = n;
      return this;
    }

    /** Starts from a random point of the eps ball drawn from {@code g} (default: from x itself). */
    public Builder randomStart(Generator g) {
      if (g == null) throw new IllegalArgumentException(name + ": randomStart generator is null");
      this.randomStart = g;
      return this;
    }

    /** The loss (output, y) -> scalar the attack ascends (default cross entropy, mean over the batch). */
    public Builder loss(BiFunction<Tensor, Tensor, Tensor> lossFn) {
      if (lossFn == null) throw new IllegalArgumentException(name + ": loss is null");
      this.loss = lossFn;
      return this;
    }

    /** y are target labels: descend their loss instead of ascending the true labels' (default false). */
    public Builder targeted(boolean on) {
      this.targeted = on;
      return this;
    }

    public Pgd build() { return new Pgd(this); }
  }
}
