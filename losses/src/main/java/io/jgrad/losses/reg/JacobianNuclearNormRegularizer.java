package io.jgrad.losses.reg;

import io.jgrad.nn.BatchNorm;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Jacobian nuclear norm regularization through a factorization. Paper 76, "Nuclear Norm
 * Regularization for Deep Learning" (Scarvelis and Solomon 2024): for {@code f = g o h},
 * penalizing {@code E_x ||J_f(x)||_*} is equivalent to penalizing the average of the squared
 * Frobenius norms of the factors' Jacobians ({@code ||AB||_* = min (||A||_F^2 + ||B||_F^2) / 2}),
 * which needs no SVD; the paper then replaces each Jacobian by a denoising estimate:
 * <pre>
 *   R = lambda * mean_i ( ||J_h(x_i)||_F^2 + ||J_g(z_i)||_F^2 ) / 2,   z_i = h(x_i)
 *   denoising: ||J_h(x)||_F^2 ~ E ||h(x + s e) - h(x)||^2 / s^2,  e ~ N(0, I)   (likewise g at z)
 * </pre>
 * h is the first {@code split} layers of a {@link io.jgrad.nn.Sequential}, g the rest.
 * Estimators: "denoising" (the paper's, {@code samples} draws, noise scale {@code sigma}),
 * "exact" and "hutchinson" ({@link JacobianNorms}). The paper's noise scale, number of draws and
 * whether z is detached in the g term could not be read; they are parameters (defaults sigma
 * 0.1, 1 draw, z not detached: this library's choices). The extra passes do not move BatchNorm
 * running statistics. Checked against PyTorch with the same noise, and the exact form against
 * torch.autograd.functional.jacobian (tools/golden/gen_catalog_procedures.py).
 */
public final class JacobianNuclearNormRegularizer implements Regularizer {
  public static final String ID = "jacobian_nuclear_norm_regularizer";
  private final double lambda, sigma;
  private final int split, samples;
  private final String estimator;
  private final boolean detachLatent;
  private final Generator generator;

  public JacobianNuclearNormRegularizer(double lambda, int split, String estimator, double sigma, int samples,
                                        boolean detachLatent, long seed) {
    this.lambda = Checks.nonNegative(ID, "lambda", lambda);
    this.split = Checks.atLeast(ID, "split", split, 1);
    if (!List.of("denoising", "exact", "hutchinson").contains(estimator)) {
      throw new IllegalArgumentException(ID + ": estimator must be denoising, exact or hutchinson, got '" + estimator + "'");
    }
    this.estimator = estimator;
    this.sigma = Checks.positive(ID, "sigma", sigma);
    this.samples = Checks.atLeast(ID, "samples", samples, 1);
    this.detachLatent = detachLatent;
    this.generator = new Generator(seed);
  }

  @Override
  public Tensor penalty(Module model, Batch batch, Tensor output) {
    Tensor x = batch.x();
    UnaryOperator<Tensor> h = JacobianNorms.layers(ID, model, 0, split);
    Tensor z;
    try (var frozen = BatchNorm.freezeStats(model)) {
      z = h.apply(x);
    }
    Tensor[] eh = new Tensor[samples], eg = new Tensor[samples];
    if (!estimator.equals("exact")) {
      boolean fd = estimator.equals("denoising");
      int[] hShape = fd ? x.shape() : z.shape();
      int[] gShape = fd ? z.shape() : output.shape();
      for (int m = 0; m < samples; m++) {
        eh[m] = Tensor.randn(generator, x.dtype(), hShape).to(x.device());
        eg[m] = Tensor.randn(generator, x.dtype(), gShape).to(x.device());
      }
    }
    return value(model, x, List.of(eh), List.of(eg)).mul(lambda);
  }

  /** mean_i (||J_h||^2 + ||J_g||^2) / 2 with the given draws (unweighted). */
  public Tensor value(Module model, Tensor x, List<Tensor> drawsH, List<Tensor> drawsG) {
    Tensor[] n = factorNorms(model, x, drawsH, drawsG);
    return n[0].add(n[1]).mean().mul(0.5);
  }

  /** Per-example {||J_h(x_i)||_F^2, ||J_g(z_i)||_F^2} ([B] each) with the given draws. */
  public Tensor[] factorNorms(Module model, Tensor x, List<Tensor> drawsH, List<Tensor> drawsG) {
    UnaryOperator<Tensor> h = JacobianNorms.layers(ID, model, 0, split);
    UnaryOperator<Tensor> g = JacobianNorms.layers(ID, model, split, -1);
    try (var frozen = BatchNorm.freezeStats(model)) {
      Tensor z = h.apply(x);
      Tensor zg = detachLatent ? z.detach() : z;
      Tensor nh, ng;
      switch (estimator) {
        case "exact" -> {
          nh = JacobianNorms.exact(h, x);
          ng = JacobianNorms.exact(g, zg);
        }
        case "hutchinson" -> {
          nh = JacobianNorms.hutchinson(h, x, drawsH);
          ng = JacobianNorms.hutchinson(g, zg, drawsG);
        }
        default -> {
          nh = JacobianNorms.finiteDifference(h, x, sigma, drawsH);
          ng = JacobianNorms.finiteDifference(g, zg, sigma, drawsG);
        }
      }
      return new Tensor[] {nh, ng};
    }
  }
}
