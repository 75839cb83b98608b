package io.jgrad.nn;

import io.jgrad.autograd.Autograd;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The LegendreTron link, catalog id {@code legendretron_link}. Paper 15, "LegendreTron: Uprising
 * Proper Multiclass Loss Learning" (Lam, Walder, Penev and Nock 2023), as the authors' code
 * {@code khflam/legendretron} ({@code lib/models.py} {@code LegendreLink}, {@code DeepConvexFlow};
 * {@code lib/icnn.py} {@code ICNN3}; {@code lib/functional.py} {@code log_softmax_plus}, from
 * CP-Flow).
 *
 * <p>An inverse canonical link from R^(C-1) to the simplex, learned jointly with the model: each
 * of {@code blocks} convex potential flows maps {@code z -> grad_z F(z)} with
 * {@code F(z) = softplus(w1) ICNN(z) + softplus(w0) ||z||^2 / 2} (the gradient of a strongly convex
 * function, hence monotone and invertible), and {@code log softmax+} appends a zero logit:
 * {@code log p = log_softmax([u, 0])}. Trained with the negative log-likelihood of these
 * log-probabilities this is the paper's proper canonical loss (with a fixed identity link it is
 * multinomial logistic regression on C-1 scores). The gradient of F is taken with
 * {@code createGraph}, so the output is differentiable in z and in the parameters (and again,
 * for second-order uses); in evaluation the gradient is still taken, without a graph.
 *
 * <p>Defaults as the reference's experiments: one block, ICNN width 4 and depth 4. The ICNN's
 * ActNorms initialise from the first batch they see (CP-Flow's data-dependent init).
 * Shape: scores [N, C-1] -> log-probabilities [N, C].
 */
public class LegendreLink extends Module {
  private final int classes;
  private final List<ConvexPotentialFlow> flows = new ArrayList<>();

  /** One block, width 4, depth 4, the default generator. */
  public LegendreLink(int classes) { this(classes, 1, 4, 4, Generator.defaultGenerator()); }

  public LegendreLink(int classes, int blocks, int dimHidden, int depth, Generator g) {
    String op = "legendretron_link";
    if (classes < 2) throw new IllegalArgumentException(op + ": num_classes must be >= 2, got " + classes);
    if (blocks < 1) throw new IllegalArgumentException(op + ": blocks must be >= 1, got " + blocks);
    if (dimHidden < 2 || dimHidden % 2 != 0) throw new IllegalArgumentException(op + ": dim_hidden must be even and >= 2, got " + dimHidden);
    if (depth < 1) throw new IllegalArgumentException(op + ": depth must be >= 1, got " + depth);
    this.classes = classes;
    ModuleList list = registerModule("cpflows", new ModuleList());
    for (int i = 0; i < blocks; i++) {
      ConvexPotentialFlow f = new ConvexPotentialFlow(classes - 1, dimHidden, depth, g);
      list.add(f);
      flows.add(f);
    }
  }

  public int classes() { return classes; }

  @Override
  public Tensor forward(Tensor x) {
    if (x.dim() != 2 || x.size(1) != classes - 1) {
      throw new IllegalArgumentException("legendretron_link: input must be [N, " + (classes - 1) + "] (C - 1 scores), got "
          + Arrays.toString(x.shape()));
    }
    Tensor z = x;
    for (ConvexPotentialFlow f : flows) z = f.forward(z);
    Tensor zero = Tensor.zeros(z.dtype(), z.size(0), 1).to(z.device());
    return Tensor.cat(List.of(z, zero), 1).logSoftmax(1);
  }

  /** One block: {@code z -> grad F(z)}, F = softplus(w1) ICNN(z) + softplus(w0) ||z||^2 / 2. */
  static final class ConvexPotentialFlow extends Module {
    private final Icnn icnn;
    private final Tensor w1;
    private final Tensor w0;

    ConvexPotentialFlow(int dim, int dimHidden, int depth, Generator g) {
      icnn = registerModule("icnn", new Icnn(dim, dimHidden, depth, g));
      w1 = registerParameter("w1", untracked(() -> Tensor.randn(g, defaultDType(), 1)));
      w0 = registerParameter("w0", untracked(() -> Tensor.randn(g, defaultDType(), 1)));
    }

    Tensor potential(Tensor x) {
      return w1.softplus().mul(icnn.forward(x)).add(w0.softplus().mul(x.mul(x).sum(new int[] {1}, true)).div(2));
    }

    @Override
    public Tensor forward(Tensor x) {
      boolean outer = GradMode.isEnabled();
      try (GradMode.Scope on = GradMode.enabled()) {
        Tensor in = x.requiresGrad() && outer ? x : x.detach().requiresGrad(true);
        Tensor f = potential(in).sum();
        return Autograd.grad(List.of(f), List.of(in), null, outer, outer, false).get(0);
      }
    }
  }
}
