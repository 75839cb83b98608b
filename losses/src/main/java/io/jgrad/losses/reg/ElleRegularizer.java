package io.jgrad.losses.reg;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.Losses;
import io.jgrad.losses.Reduction;
import io.jgrad.losses.RobustLosses;
import io.jgrad.losses.procedure.AdversarialTraining;
import io.jgrad.nn.BatchNorm;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * ELLE, efficient local linearity regularization. Paper 18, "Efficient Local Linearity
 * Regularization to Overcome Catastrophic Overfitting" (Abad Rocamora et al. 2024). Transcribed
 * from LIONS-EPFL/ELLE {@code core/utils/train.py} (the {@code reg == 'ELLE'} branch, the
 * {@code lambda_schedule == 'onoff'} update) and {@code train.py}:
 * <pre>
 *   x_a = x + eps U(-1, 1),  x_b = x + eps U(-1, 1),  a ~ U(0, 1) per example,  x_c = (1 - a) x_a + a x_b
 *   l = per-example cross entropy of one forward pass on [x_a; x_b; x_c]
 *   ELLE = mean_i (l_c,i - (1 - a_i) l_a,i - a_i l_b,i)^2,   penalty = lambda * ELLE
 * </pre>
 * It is meant beside single-step adversarial training ({@link AdversarialTraining} with
 * {@link io.jgrad.losses.attack.Fgsm}): the points are drawn around the clean inputs
 * ({@link AdversarialTraining#CLEAN_INPUT} when the batch has it, else {@code batch.x()}). The
 * extra pass does not move BatchNorm statistics (the reference's does). The points are not
 * clamped to the input range (as in the reference).
 *
 * <p>ELLE-A ({@code adaptive}): lambda starts at 0; after each step, when more than two values
 * are in the history and this step's ELLE exceeds {@code mean + sensitivity * std} of the history
 * (population std), lambda becomes {@code lambda_aux}, else it is multiplied by
 * {@code decay_rate}; then the value joins the history. The state (lambda, and the history as
 * count, sum and sum of squares) lives in buffers, so it is checkpointed with the objective's
 * modules. Defaults: lambda 4000 as the code's CIFAR-10 ELLE-A script ({@code --lin_reg 4000};
 * the flag's default is 1), sensitivity 2, decay_rate 0.99 ({@code parser.py}).
 */
public final class ElleRegularizer extends Module implements Regularizer {
  public static final String ID = "elle_reg";
  private final double lambda, epsilon, sensitivity, decayRate;
  private final boolean adaptive;
  private final Generator generator;
  private final Tensor state; // [current lambda, count, sum, sum of squares]

  public ElleRegularizer(double lambda, double epsilon, boolean adaptive, double sensitivity, double decayRate, long seed) {
    this.lambda = Checks.nonNegative(ID, "lambda", lambda);
    this.epsilon = Checks.nonNegative(ID, "epsilon", epsilon);
    this.adaptive = adaptive;
    this.sensitivity = Checks.nonNegative(ID, "sensitivity", sensitivity);
    this.decayRate = Checks.unit(ID, "decay_rate", decayRate);
    this.generator = new Generator(seed);
    state = registerBuffer("state", untracked(() -> Tensor.of(adaptive ? 0.0 : lambda, 0.0, 0.0, 0.0)));
  }

  /** The lambda the next penalty uses. */
  public double currentLambda() { return state.get(0); }

  @Override
  public Tensor forward(Tensor x) { throw new UnsupportedOperationException(ID + " is a regularizer, not a layer"); }

  @Override
  public Tensor penalty(Module model, Batch batch, Tensor output) {
    Tensor x = AdversarialTraining.cleanInputs(batch);
    int b = x.size(0);
    Tensor ua = Tensor.rand(generator, x.dtype(), x.shape()).to(x.device()).mul(2).sub(1);
    Tensor ub = Tensor.rand(generator, x.dtype(), x.shape()).to(x.device()).mul(2).sub(1);
    Tensor alpha = Tensor.rand(generator, x.dtype(), b).to(x.device());
    Tensor elle = value(model, x, batch.y(), ua, ub, alpha);
    double lam = currentLambda();
    if (adaptive) record(elle.detach().item());
    return elle.mul(lam);
  }

  /** ELLE at x with uniform draws ua, ub in [-1, 1] (shaped like x) and alpha in [0, 1] ([B]). */
  public Tensor value(Module model, Tensor x, Tensor y, Tensor ua, Tensor ub, Tensor alpha) {
    int b = x.size(0);
    Tensor xa = x.detach().add(ua.mul(epsilon));
    Tensor xb = x.detach().add(ub.mul(epsilon));
    int[] ashape = new int[x.dim()];
    java.util.Arrays.fill(ashape, 1);
    ashape[0] = b;
    Tensor a = alpha.reshape(ashape);
    Tensor xc = a.neg().add(1).mul(xa).add(a.mul(xb));
    try (var on = Grad.enabled(); var frozen = BatchNorm.freezeStats(model)) {
      Tensor out = model.forward(Tensor.cat(List.of(xa, xb, xc), 0));
      Tensor l = Losses.crossEntropy(out, y.repeat(3), null, Losses.IGNORE_INDEX, Reduction.NONE, 0);
      return RobustLosses.elle(l.narrow(0, 0, b), l.narrow(0, b, b), l.narrow(0, 2 * b, b), alpha);
    }
  }

  /** ELLE-A: moves lambda after a step whose ELLE value was {@code v}, then adds v to the history. */
  public void record(double v) {
    double[] s = state.toDoubleArray();
    double n = s[1], mean = n == 0 ? 0 : s[2] / n;
    double std = n == 0 ? 0 : Math.sqrt(Math.max(0, s[3] / n - mean * mean));
    double lam = n > 2 && v > mean + sensitivity * std ? lambda : s[0] * decayRate;
    try (var off = Grad.disabled()) {
      state.copyFrom(Tensor.of(lam, n + 1, s[2] + v, s[3] + v * v).to(state.dtype()).to(state.device()));
    }
  }
}
