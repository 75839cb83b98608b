package io.jgrad.losses.reg;

import io.jgrad.losses.attack.Attack;
import io.jgrad.autograd.Grad;
import io.jgrad.losses.RobustLosses;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;

/**
 * SRST-AWR's adaptively weighted robust regularizer with knowledge distillation from a teacher.
 * Paper 70 (SRST-AWR, Yang et al. 2023), from dyoony/SRST_AWR {@code loss.py}
 * ({@code SRST_AWR_KD_loss}) and {@code main.py} (its "srst-awr" branch):
 * <pre>
 *   x_adv = attack(x)   (the reference: TRADES' KL objective, PGD, target = teacher's argmax)
 *   reg   = mean_i w_i KL_i(p_nat || p_adv),  w_i = beta &lt;q_i, p_nat,i&gt; + (1 - beta)(1 - &lt;q_i, p_adv,i&gt;)
 *   know  = KL_batchmean( softmax(t(x)/tau) + 1e-12 || softmax(f(x)/tau) )   ({@link RobustLosses#awrKnowledge})
 *   penalty = lambda * reg + gamma * know
 * </pre>
 * q is the teacher's softmax on x (detached). The reference applies both terms to the unlabelled
 * batch and label-smoothed cross entropy (0.2) to the labelled one: with a mixed batch (labels -100
 * for unlabelled examples) use that objective and this regularizer on the whole batch. The
 * teacher (a trained semi-supervised model, FixMatch in the paper) is required: a regularizer
 * made from the registry has none until {@link #withTeacher}. The teacher runs in eval mode
 * without gradients; the forward on x_adv is a training pass (BatchNorm statistics move, as in
 * the reference). Defaults from main.py: lambda 3, beta 0.5, tau 1, gamma 1.
 */
public final class AwrRobustRegularizer implements Regularizer {
  public static final String ID = "awr_robust_regularizer";
  private final double lambda, beta, tau, gamma;
  private final Attack attack;
  private final Module teacher;

  public AwrRobustRegularizer(Module teacher, Attack attack, double lambda, double beta, double tau, double gamma) {
    this.lambda = Checks.nonNegative(ID, "lambda", lambda);
    this.beta = Checks.unit(ID, "beta", beta);
    this.tau = Checks.positive(ID, "tau", tau);
    this.gamma = Checks.nonNegative(ID, "gamma", gamma);
    if (attack == null) throw new IllegalArgumentException(ID + ": attack is null");
    this.attack = attack;
    this.teacher = teacher;
  }

  /** The same regularizer with {@code teacher}. */
  public AwrRobustRegularizer withTeacher(Module teacher) {
    return new AwrRobustRegularizer(teacher, attack, lambda, beta, tau, gamma);
  }

  @Override
  public Tensor penalty(Module model, Batch batch, Tensor output) {
    if (teacher == null) {
      throw new IllegalStateException(ID + ": no teacher model; build it with AwrRobustRegularizer.withTeacher(teacher)");
    }
    Tensor x = batch.x();
    Tensor tNat;
    boolean wasTraining = teacher.isTraining();
    teacher.eval();
    try (var off = Grad.disabled()) {
      tNat = teacher.forward(x);
    } finally {
      teacher.train(wasTraining);
    }
    Tensor xAdv = attack.perturb(model, x, tNat.argmax(1, false));
    return value(output, model.forward(xAdv), tNat);
  }

  /** lambda * reg + gamma * know from natural logits, adversarial logits and teacher logits on x. */
  public Tensor value(Tensor natLogits, Tensor advLogits, Tensor teacherLogits) {
    Tensor reg = RobustLosses.awrRobust(natLogits, advLogits, teacherLogits, beta).mul(lambda);
    return gamma == 0 ? reg : reg.add(RobustLosses.awrKnowledge(natLogits, teacherLogits, tau).mul(gamma));
  }
}
