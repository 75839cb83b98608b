package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.function.Function;

/**
 * Finite-difference checks of the tape's gradients, for users' own functions and for every op.
 *
 * <p>First order: the Jacobian J = d f(x) / d x is built row by row from vector-Jacobian
 * products (one backward per output element, cotangent e_j) and compared, entry by entry,
 * with float64 central differences (f(x + eps e_k) - f(x - eps e_k)) / (2 eps). An entry
 * passes when |analytic - numeric| &lt;= atol + rtol * |numeric|.
 *
 * <p>Second order (gradgradcheck): the function G(x, v) = J(x)^T v, computed by the tape with
 * {@code createGraph}, is itself checked to first order in both x and the cotangent v (a
 * seeded random tensor), which exercises the derivative of every backward formula used.
 *
 * <p>Random directions (for large inputs, as JAX's check_grads): for seeded random t (input
 * directions) and c (output cotangents), the finite difference of &lt;f(x + eps t), c&gt;, which is
 * &lt;J t, c&gt;, is compared with &lt;t, J^T c&gt; from one backward. {@link #check} uses this form
 * automatically when an input or output has more than {@link Options#fullLimit} elements.
 *
 * <p>Inputs: floating inputs must be float64 (float32 differences are too coarse); integer
 * and bool inputs (indices, masks) and null entries are passed through unchanged and not
 * differentiated. The function must return float64 results. It is called many times, with
 * recording off for the finite differences, and must be deterministic.
 *
 * <pre>{@code
 * GradCheck.check(in -> in.get(0).matmul(in.get(1)).tanh(), List.of(a, b));          // throws on mismatch
 * GradCheck.checkSecondOrder(in -> in.get(0).pow(3).sum(), List.of(x));
 * GradCheck.check(f, inputs, GradCheck.Options.defaults().withAtol(1e-4));
 * }</pre>
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.autograd.gradcheck.html">torch.autograd.gradcheck</a>
 */
public final class GradCheck {
  /** STYLE.md section 11 defaults. */
  public static final double EPS = 1e-6, ATOL = 1e-5, RTOL = 1e-3;

  private GradCheck() {}

  /**
   * Settings of a check.
   *
   * @param eps        finite-difference step
   * @param atol       absolute tolerance
   * @param rtol       tolerance relative to the numeric value
   * @param seed       seed of the random directions and of the second-order cotangent
   * @param directions how many random directions the random-direction form tries
   * @param fullLimit  {@link #check} compares the full Jacobian while every input and output
   *                   count (in elements, summed) is at most this, random directions otherwise
   */
  public record Options(double eps, double atol, double rtol, long seed, int directions, int fullLimit) {
    public Options {
      if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0) || directions < 1 || fullLimit < 0) {
        throw new IllegalArgumentException("GradCheck.Options: need eps > 0, atol >= 0, rtol >= 0, directions >= 1, "
            + "fullLimit >= 0; got eps=" + eps + " atol=" + atol + " rtol=" + rtol + " directions=" + directions
            + " fullLimit=" + fullLimit);
      }
    }

    /** eps 1e-6, atol 1e-5, rtol 1e-3, seed 20261126, 8 directions, full Jacobian up to 300 elements. */
    public static Options defaults() { return new Options(EPS, ATOL, RTOL, 20261126L, 8, 300); }

    public Options withEps(double e) { return new Options(e, atol, rtol, seed, directions, fullLimit); }

    public Options withAtol(double a) { return new Options(eps, a, rtol, seed, directions, fullLimit); }

    public Options withRtol(double r) { return new Options(eps, atol, r, seed, directions, fullLimit); }

    public Options withSeed(long s) { return new Options(eps, atol, rtol, s, directions, fullLimit); }

    public Options withDirections(int d) { return new Options(eps, atol, rtol, seed, d, fullLimit); }

    public Options withFullLimit(int l) { return new Options(eps, atol, rtol, seed, directions, l); }
  }

  /**
   * What a passing check compared.
   *
   * @param form        "jacobian" or "directions", prefixed by "second order " for gradgradcheck
   * @param inputs      differentiable inputs checked (second order: plus the cotangents)
   * @param comparisons Jacobian entries or directions compared
   * @param maxError    the largest |analytic - numeric| seen
   */
  public record Result(String form, int inputs, long comparisons, double maxError) {}

  /** First-order check with default options (full Jacobian when small, else random directions). */
  public static Result check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
    return check(f, inputs, Options.defaults());
  }

  public static Result check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Options options) {
    return checkOutputs(single(f), inputs, options);
  }

  /** First-order check of a function with several outputs (each float64). */
  public static Result checkOutputs(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs, Options options) {
    return GradChecker.first(f, inputs, options, "", null);
  }

  /** First-order check comparing every Jacobian entry, whatever the size. */
  public static Result checkJacobian(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Options options) {
    return GradChecker.first(single(f), inputs, options, "", Boolean.TRUE);
  }

  /** First-order check along {@code options.directions()} seeded random directions only. */
  public static Result checkDirections(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Options options) {
    return GradChecker.first(single(f), inputs, options, "", Boolean.FALSE);
  }

  /** Second-order check (gradgradcheck) with default options. */
  public static Result checkSecondOrder(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
    return checkSecondOrder(f, inputs, Options.defaults());
  }

  public static Result checkSecondOrder(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Options options) {
    return GradChecker.second(single(f), inputs, options);
  }

  /** First then second order, default options; returns the second-order result. */
  public static Result checkBoth(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
    check(f, inputs);
    return checkSecondOrder(f, inputs);
  }

  private static Function<List<Tensor>, List<Tensor>> single(Function<List<Tensor>, Tensor> f) {
    return in -> {
      Tensor out = f.apply(in);
      if (out == null) throw new IllegalArgumentException("GradCheck: the function returned null");
      return List.of(out);
    };
  }
}
