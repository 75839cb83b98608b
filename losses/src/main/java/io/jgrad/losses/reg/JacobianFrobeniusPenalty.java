package io.jgrad.losses.reg;

import io.jgrad.nn.BatchNorm;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The contractive penalty on a map's Jacobian: {@code lambda * mean_i ||d r(x_i) / d x_i||_F^2}.
 * Paper 88, "What Regularized Auto-Encoders Learn from the Data Generating Distribution" (Alain
 * and Bengio 2014): the criterion {@code E[||r(x) - x||^2 + sigma^2 ||J_r(x)||_F^2]} (lambda is
 * sigma^2 there) makes {@code r(x) - x} estimate {@code sigma^2 grad log p(x)}; applied to the
 * encoder alone it is the contractive auto-encoder (Rifai et al. 2011): set {@code layers} to the
 * encoder's number of layers of a {@link io.jgrad.nn.Sequential} (0: the whole model).
 *
 * <p>Estimators ({@link JacobianNorms}): "exact" (one backward per output coordinate, for
 * small outputs), "hutchinson" (unbiased, {@code samples} Gaussian probes) and "fd" (the
 * denoising estimate {@code ||r(x + s e) - r(x)||^2 / s^2}, {@code fd_sigma} = s; O(s) bias,
 * no double backprop). The exact and Hutchinson forms are trained through by double backprop.
 * The extra passes do not move BatchNorm running statistics; examples must not interact (no
 * BatchNorm in training mode inside the penalized map). Checked against
 * torch.autograd.functional.jacobian and PyTorch double backward with the same probes
 * (tools/golden/gen_catalog_procedures.py). Defaults: lambda 0.01, exact, 1 sample, fd_sigma 0.01.
 */
public final class JacobianFrobeniusPenalty implements Regularizer {
  public static final String ID = "jacobian_frobenius_penalty";
  private final double lambda, fdSigma;
  private final String estimator;
  private final int samples, layers;
  private final Generator generator;

  public JacobianFrobeniusPenalty(double lambda, String estimator, int samples, double fdSigma, int layers, long seed) {
    this.lambda = Checks.nonNegative(ID, "lambda", lambda);
    this.estimator = estimator(ID, estimator);
    this.samples = Checks.atLeast(ID, "samples", samples, 1);
    this.fdSigma = Checks.positive(ID, "fd_sigma", fdSigma);
    this.layers = Checks.atLeast(ID, "layers", layers, 0);
    this.generator = new Generator(seed);
  }

  static String estimator(String id, String e) {
    if (!List.of("exact", "hutchinson", "fd").contains(e)) {
      throw new IllegalArgumentException(id + ": estimator must be exact, hutchinson or fd, got '" + e + "'");
    }
    return e;
  }

  @Override
  public Tensor penalty(Module model, Batch batch, Tensor output) {
    UnaryOperator<Tensor> f = JacobianNorms.layers(ID, model, 0, layers == 0 ? -1 : layers);
    Tensor x = batch.x();
    List<Tensor> draws = new ArrayList<>();
    if (!estimator.equals("exact")) {
      int[] shape;
      if (estimator.equals("fd")) {
        shape = x.shape();
      } else {
        try (var frozen = BatchNorm.freezeStats(model); var off = io.jgrad.autograd.Grad.disabled()) {
          shape = f.apply(x).shape();
        }
      }
      for (int m = 0; m < samples; m++) draws.add(Tensor.randn(generator, x.dtype(), shape).to(x.device()));
    }
    return squaredNorms(model, f, x, draws).mean().mul(lambda);
  }

  /** Per-example ||J||_F^2 with the given probes (Hutchinson: shaped like the output; fd: like x). */
  public Tensor squaredNorms(Module model, UnaryOperator<Tensor> f, Tensor x, List<Tensor> draws) {
    try (var frozen = BatchNorm.freezeStats(model)) {
      return switch (estimator) {
        case "exact" -> JacobianNorms.exact(f, x);
        case "hutchinson" -> JacobianNorms.hutchinson(f, x, draws);
        default -> JacobianNorms.finiteDifference(f, x, fdSigma, draws);
      };
    }
  }

  /** The penalized map: the first {@code layers} layers, or the whole model. */
  public UnaryOperator<Tensor> map(Module model) { return JacobianNorms.layers(ID, model, 0, layers == 0 ? -1 : layers); }
}
