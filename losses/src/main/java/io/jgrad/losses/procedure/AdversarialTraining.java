package io.jgrad.losses.procedure;

import io.jgrad.losses.attack.Attack;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.StepContext;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Adversarial training (Madry et al. 2018; with a one-step attack, FGSM training): each batch's
 * inputs are replaced by adversarial ones before the ordinary step,
 * {@code loss = objective(f(x_adv), batch) + penalties}. The batch the objective and the
 * regularizers see has {@code x = x_adv} and the clean inputs in the field {@link #CLEAN_INPUT},
 * so a regularizer defined around the clean point (ELLE) can use them. This is the baseline the
 * adversarial catalog procedures (AWP, ARoW, ELLE) are compared with.
 */
public final class AdversarialTraining implements TrainStep {
  /** The batch field holding the clean inputs. */
  public static final String CLEAN_INPUT = "clean_x";
  private final Attack attack;

  public AdversarialTraining(Attack attack) {
    if (attack == null) throw new IllegalArgumentException("adversarial training: attack is null");
    this.attack = attack;
  }

  /** {@code b} with inputs {@code xAdv} and the clean inputs in {@link #CLEAN_INPUT}. */
  public static Batch adversarialBatch(Batch b, Tensor xAdv) {
    Map<String, Tensor> fields = new HashMap<>(b.fields());
    fields.putIfAbsent(CLEAN_INPUT, b.x());
    return new Batch(xAdv, b.y(), b.index(), fields);
  }

  /** The clean inputs of a batch: its {@link #CLEAN_INPUT} field when it has one, else its x. */
  public static Tensor cleanInputs(Batch b) { return b.hasField(CLEAN_INPUT) ? b.field(CLEAN_INPUT) : b.x(); }

  @Override
  public Tensor run(StepContext ctx) {
    Batch b = ctx.batch();
    Tensor xAdv = attack.perturb(ctx.model(), b.x(), b.y());
    Batch adv = adversarialBatch(b, xAdv);
    Tensor loss = ctx.loss(ctx.forward(xAdv), adv);
    ctx.backward(loss);
    ctx.step();
    return loss;
  }
}
