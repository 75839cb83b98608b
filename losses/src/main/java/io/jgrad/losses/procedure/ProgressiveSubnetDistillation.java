package io.jgrad.losses.procedure;

import io.jgrad.losses.Losses;
import io.jgrad.losses.Reduction;
import io.jgrad.nn.LearnedClipFakeQuant;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.StepContext;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Progressive subnet distillation (EQ-Net's GPG loss) over a weight-sharing supernet of
 * switchable precision, as EQ-Net's runner/trainer.py {@code QuantSuperNetTrainer.train_epoch}:
 * one training step runs {@code numSubnet} subnets in turn, accumulating their gradients:
 * <ol>
 *   <li>the biggest subnet: the Trainer's loss (cross entropy and penalties); soft = sg(logits);</li>
 *   <li>{@code numSubnet - 2} random subnets, then the smallest: each
 *       {@code alpha T^2 KL_batchmean(softmax(soft/T) || softmax(logits/T)) + (1 - alpha) CE(logits, y)}
 *       ({@link #gpgLoss}), then soft = sg(logits): each subnet distills from the previous one;</li>
 *   <li>one optimizer step; the biggest subnet is active again.</li>
 * </ol>
 * Paper 60, "EQ-Net: Elastic Quantization Neural Networks". The supernet here is elastic in bit
 * width: every {@link LearnedClipFakeQuant} of the model takes a width from {@code bits}
 * (largest first); random subnets draw each quantizer's width independently (seeded). EQ-Net's
 * other elastic dimensions (granularity, symmetry) and its LSQ quantizers are not modelled.
 * Reference defaults alpha = 0.5, T = 1.
 */
public final class ProgressiveSubnetDistillation implements TrainStep {
  public static final String ID = "progressive_subnet_distillation";
  private final double alpha, temperature;
  private final int numSubnet;
  private final int[] bits;
  private final SplittableRandom random;

  public ProgressiveSubnetDistillation(double alpha, double temperature, int numSubnet, int[] bits, long seed) {
    if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException(ID + ": alpha must be in [0, 1], got " + alpha);
    if (!(temperature > 0)) throw new IllegalArgumentException(ID + ": T must be > 0, got " + temperature);
    if (numSubnet < 2) throw new IllegalArgumentException(ID + ": num_subnet must be >= 2, got " + numSubnet);
    if (bits == null || bits.length < 2) throw new IllegalArgumentException(ID + ": bits needs at least two widths, got " + java.util.Arrays.toString(bits));
    this.alpha = alpha;
    this.temperature = temperature;
    this.numSubnet = numSubnet;
    this.bits = bits.clone();
    java.util.Arrays.sort(this.bits);
    this.random = new SplittableRandom(seed);
  }

  /**
   * One distilled subnet's loss: {@code alpha T^2 KL_batchmean(softmax(soft/T) || softmax(logits/T)) +
   * (1 - alpha) CE(logits, y)} (EQ-Net's KLLossSoft plus cross entropy). Shape: logits, soft [B, C],
   * y [B] int64 -> scalar.
   */
  public static Tensor gpgLoss(Tensor logits, Tensor soft, Tensor y, double alpha, double temperature) {
    Tensor kl = Losses.klDivBatchMean(logits.div(temperature).logSoftmax(1), soft.detach().div(temperature).logSoftmax(1), true);
    Tensor ce = Losses.crossEntropy(logits, y, null, -100, Reduction.MEAN, 0.0);
    return kl.mul(alpha * temperature * temperature).add(ce.mul(1 - alpha));
  }

  /** The model's quantizers in module order. */
  public static List<LearnedClipFakeQuant> quantizers(Module model) {
    List<LearnedClipFakeQuant> q = new ArrayList<>();
    for (Module m : model.namedModules().values()) if (m instanceof LearnedClipFakeQuant l) q.add(l);
    return q;
  }

  /** Sets every quantizer to the largest width (index 0), the smallest (last) or random widths. */
  void activate(List<LearnedClipFakeQuant> qs, int index) {
    for (LearnedClipFakeQuant q : qs) {
      int b = index == 0 ? bits[bits.length - 1] : index == numSubnet - 1 ? bits[0] : bits[random.nextInt(bits.length)];
      q.setBits(b);
    }
  }

  @Override
  public Tensor run(StepContext ctx) {
    List<LearnedClipFakeQuant> qs = quantizers(ctx.model());
    if (qs.isEmpty()) throw new IllegalArgumentException(ID + ": the model has no LearnedClipFakeQuant to switch (an elastic-precision supernet is needed)");
    Batch batch = ctx.batch();
    activate(qs, 0);
    Tensor out = ctx.forward(batch.x());
    Tensor first = ctx.loss(out, batch);
    ctx.backward(first);
    Tensor soft = out.detach();
    for (int id = 1; id < numSubnet; id++) {
      activate(qs, id);
      Tensor logits = ctx.forward(batch.x());
      ctx.backward(gpgLoss(logits, soft, batch.y(), alpha, temperature));
      soft = logits.detach();
    }
    activate(qs, 0);
    ctx.step();
    return first;
  }
}
