package io.jgrad.losses.curvature;

import io.jgrad.nn.Module;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Curvature of a loss with respect to parameters, from Hessian-vector products
 * ({@link HessianVectorProduct}): the dominant Hessian eigenvalue by power iteration and the
 * Hessian trace by Hutchinson's estimator, as PyHessian (Yao et al. 2020, "PyHessian: Neural
 * Networks Through the Lens of the Hessian"). The loss is a closure over the current
 * parameter values, e.g. {@code () -> Losses.crossEntropy(model.call(x), y)}; run it in eval
 * mode (dropout would make it random; the graph is built once, so one mask is used
 * throughout). No parameter's {@code grad()} is touched. Each product is one backward pass.
 *
 * @see <a href="https://arxiv.org/abs/1912.07145">PyHessian</a>
 */
public final class Curvature {
  /** PyHessian's defaults: relative tolerance 1e-3, at most 100 iterations. */
  public static final double TOL = 1e-3;
  public static final int MAX_ITER = 100;

  private Curvature() {}

  /**
   * The dominant eigenvalue (largest in magnitude, with its sign) and its unit eigenvector (one
   * tensor per parameter, norm 1 over all of them).
   *
   * @param iterations power iterations run
   * @param converged  whether the relative change fell below the tolerance before the cap
   */
  public record TopEigen(double value, List<Tensor> vector, int iterations, boolean converged) {}

  /**
   * A Hutchinson estimate of tr(H): the mean of m samples v^T H v with Rademacher v (entries
   * +-1), and its standard error sd / sqrt(m) (NaN for one sample).
   */
  public record Trace(double value, double standardError, int samples) {}

  /** {@link #topEigenvalue(List, Supplier, long, double, int)} over the model's parameters, PyHessian's defaults. */
  public static TopEigen topEigenvalue(Module model, Supplier<Tensor> loss, long seed) {
    return topEigenvalue(model.parameters(), loss, seed, TOL, MAX_ITER);
  }

  /**
   * Power iteration: v_0 ~ N(0, I) (seeded), normalised; lambda_k = &lt;v_k, H v_k&gt;,
   * v_{k+1} = H v_k / ||H v_k||; stops when |lambda_k - lambda_{k-1}| / (|lambda_{k-1}| + 1e-6)
   * &lt; tol (PyHessian's test) or after maxIter products. Converges at rate
   * |lambda_2 / lambda_1|; a zero Hessian gives 0.
   */
  public static TopEigen topEigenvalue(List<Tensor> params, Supplier<Tensor> loss, long seed, double tol, int maxIter) {
    if (!(tol > 0)) throw new IllegalArgumentException("hessian_top_eigenvalue: tol must be > 0, got " + tol);
    if (maxIter < 1) throw new IllegalArgumentException("hessian_top_eigenvalue: maxIter must be >= 1, got " + maxIter);
    HessianVectorProduct hvp = HessianVectorProduct.of(params, loss);
    Generator g = new Generator(seed);
    List<Tensor> v = new ArrayList<>();
    for (Tensor p : params) v.add(Tensor.randn(g, p.dtype(), p.shape()).to(p.device()));
    v = scale(v, 1 / Math.sqrt(HessianVectorProduct.dot(v, v)));
    double lambda = Double.NaN;
    for (int k = 1; k <= maxIter; k++) {
      List<Tensor> hv = hvp.apply(v);
      double next = HessianVectorProduct.dot(v, hv);
      double n = Math.sqrt(HessianVectorProduct.dot(hv, hv));
      boolean done = k > 1 && Math.abs(next - lambda) / (Math.abs(lambda) + 1e-6) < tol;
      lambda = next;
      if (n == 0) return new TopEigen(0, v, k, true);
      if (done) return new TopEigen(lambda, v, k, true);
      v = scale(hv, 1 / n);
    }
    return new TopEigen(lambda, v, maxIter, false);
  }

  /** {@link #trace(List, Supplier, int, long)} over the model's parameters. */
  public static Trace trace(Module model, Supplier<Tensor> loss, int samples, long seed) {
    return trace(model.parameters(), loss, samples, seed);
  }

  /** Hutchinson's estimator with {@code samples} seeded Rademacher vectors (E[v^T H v] = tr H). */
  public static Trace trace(List<Tensor> params, Supplier<Tensor> loss, int samples, long seed) {
    if (samples < 1) throw new IllegalArgumentException("hessian_trace: samples must be >= 1, got " + samples);
    HessianVectorProduct hvp = HessianVectorProduct.of(params, loss);
    Generator g = new Generator(seed);
    double sum = 0, sumSq = 0;
    for (int s = 0; s < samples; s++) {
      List<Tensor> v = new ArrayList<>();
      for (Tensor p : params) v.add(rademacher(g, p));
      double x = HessianVectorProduct.dot(v, hvp.apply(v));
      sum += x;
      sumSq += x * x;
    }
    double mean = sum / samples;
    double var = samples > 1 ? Math.max(0, (sumSq - samples * mean * mean) / (samples - 1)) : Double.NaN;
    return new Trace(mean, Math.sqrt(var / samples), samples);
  }

  /** Entries +-1 with probability 1/2 each, p's shape, dtype and device. */
  static Tensor rademacher(Generator g, Tensor p) {
    return Tensor.randint(g, 0, 2, p.shape()).to(p.dtype()).mul(2).sub(1).to(p.device());
  }

  private static List<Tensor> scale(List<Tensor> v, double c) {
    List<Tensor> out = new ArrayList<>(v.size());
    for (Tensor t : v) out.add(t.mul(c));
    return out;
  }
}
