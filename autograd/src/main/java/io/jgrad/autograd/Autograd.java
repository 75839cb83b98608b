package io.jgrad.autograd;

import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The functional interface to the tape: gradients returned instead of accumulated, and the
 * products of {@code torch.autograd.functional}: {@link #vjp}, {@link #jvp}, {@link #hvp}; and
 * custom functions with their own backward ({@link #function}).
 */
public final class Autograd {
  private Autograd() {}

  /**
   * d(outputs)/d(inputs) contracted with {@code gradOutputs} (null entries: ones for scalar
   * outputs), without touching any {@code grad()}. With {@code createGraph} the results are
   * differentiable (gradient penalties, double backward). With {@code allowUnused} an input
   * the outputs do not depend on gets null instead of an error.
   */
  public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                  boolean createGraph, boolean allowUnused) {
    return grad(outputs, inputs, gradOutputs, createGraph, createGraph, allowUnused);
  }

  /** As above, keeping the graph for another pass when {@code retainGraph} (implied by createGraph). */
  public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                  boolean retainGraph, boolean createGraph, boolean allowUnused) {
    List<Tensor> gos = gradOutputs == null ? new ArrayList<>(Collections.nCopies(outputs.size(), null))
        : gradOutputs;
    if (gos.size() != outputs.size()) {
      throw new IllegalArgumentException("grad: " + gos.size() + " gradOutputs for " + outputs.size() + " outputs");
    }
    return Arrays.asList(Engine.run(outputs, gos, retainGraph || createGraph, createGraph, inputs, allowUnused));
  }

  /** Gradient of one scalar output with respect to inputs. */
  public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
    return grad(List.of(output), inputs, null, createGraph, false);
  }

  /** Gradient of one scalar output with respect to inputs, as {@code torch.autograd.grad(output, inputs)}. */
  public static List<Tensor> grad(Tensor output, List<Tensor> inputs) {
    return grad(List.of(output), inputs, null, false, false);
  }

  /**
   * Gradient of one scalar output; with {@code allowUnused} an input the output does not depend
   * on gets null instead of an error ({@code torch.autograd.grad(y, xs, create_graph=..., allow_unused=True)}).
   */
  public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph, boolean allowUnused) {
    return grad(List.of(output), inputs, null, createGraph, allowUnused);
  }

  /** Gradients of the sum of several scalar outputs (each contracted with one), without gradOutputs. */
  public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, boolean createGraph, boolean allowUnused) {
    return grad(outputs, inputs, null, createGraph, allowUnused);
  }

  /**
   * Vector-Jacobian product v^T J of f at inputs, one tensor per input (zeros where f does
   * not depend on it; null for integer/bool inputs), as {@code torch.autograd.functional.vjp}.
   * With {@code createGraph} the result is differentiable in the inputs (when they require
   * grad) and in v.
   */
  public static List<Tensor> vjp(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Tensor v, boolean createGraph) {
    try (GradMode.Scope on = GradMode.enabled()) {
      List<Tensor> xs = leaves(inputs, createGraph);
      Tensor out = apply(f, xs, "vjp");
      if (!Arrays.equals(v.shape(), out.shape())) {
        throw new IllegalArgumentException("vjp: v has shape " + Shapes.str(v.shape()) + " but the output has shape "
            + Shapes.str(out.shape()));
      }
      List<Tensor> diff = differentiable(xs);
      List<Tensor> gs = out.requiresGrad() && !diff.isEmpty()
          ? grad(List.of(out), diff, List.of(v), createGraph, createGraph, true) : nulls(diff.size());
      return spread(xs, diff, gs);
    }
  }

  public static List<Tensor> vjp(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Tensor v) {
    return vjp(f, inputs, v, false);
  }

  /**
   * Jacobian-vector product J t of f at inputs along tangents (one per input, null for
   * integer/bool inputs), as {@code torch.autograd.functional.jvp}. Computed by the double-vjp
   * trick: u -> J^T u is linear, so the vjp of that map with cotangent t is J t.
   */
  public static Tensor jvp(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, List<Tensor> tangents,
                           boolean createGraph) {
    if (tangents.size() != inputs.size()) {
      throw new IllegalArgumentException("jvp: " + tangents.size() + " tangents for " + inputs.size() + " inputs");
    }
    try (GradMode.Scope on = GradMode.enabled()) {
      List<Tensor> xs = leaves(inputs, createGraph);
      Tensor out = apply(f, xs, "jvp");
      List<Tensor> diff = new ArrayList<>(), ts = new ArrayList<>();
      for (int i = 0; i < xs.size(); i++) {
        Tensor x = xs.get(i);
        if (!isFloat(x)) continue;
        Tensor t = tangents.get(i);
        if (t == null || !Arrays.equals(t.shape(), x.shape())) {
          throw new IllegalArgumentException("jvp: tangent " + i + (t == null ? " is null" : " has shape "
              + Shapes.str(t.shape())) + " but input " + i + " has shape " + Shapes.str(x.shape()));
        }
        diff.add(x);
        ts.add(t);
      }
      if (!out.requiresGrad() || diff.isEmpty()) return Tensor.zerosLike(out);
      Tensor u = Tensor.zerosLike(out).requiresGrad(true);
      List<Tensor> gs = grad(List.of(out), diff, List.of(u), true, true, true);
      List<Tensor> roots = new ArrayList<>(), cots = new ArrayList<>();
      for (int i = 0; i < gs.size(); i++) {
        if (gs.get(i) != null && gs.get(i).requiresGrad()) {
          roots.add(gs.get(i));
          cots.add(ts.get(i));
        }
      }
      if (roots.isEmpty()) return Tensor.zerosLike(out);
      Tensor jt = grad(roots, List.of(u), cots, createGraph, createGraph, true).get(0);
      return jt != null ? jt : Tensor.zerosLike(out);
    }
  }

  public static Tensor jvp(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, List<Tensor> tangents) {
    return jvp(f, inputs, tangents, false);
  }

  /**
   * Hessian-vector product H v of a scalar function f at params, one tensor per param, as
   * {@code torch.autograd.functional.hvp}: the gradient of &lt;grad f, v&gt;, with the first
   * gradient taken with createGraph.
   */
  public static List<Tensor> hvp(Function<List<Tensor>, Tensor> f, List<Tensor> params, List<Tensor> v,
                                 boolean createGraph) {
    if (v.size() != params.size()) {
      throw new IllegalArgumentException("hvp: " + v.size() + " vectors for " + params.size() + " params");
    }
    try (GradMode.Scope on = GradMode.enabled()) {
      List<Tensor> xs = leaves(params, createGraph);
      Tensor out = apply(f, xs, "hvp");
      if (out.numel() != 1) {
        throw new IllegalArgumentException("hvp: f must return a scalar, got shape " + Shapes.str(out.shape()));
      }
      List<Tensor> diff = differentiable(xs), vs = new ArrayList<>();
      for (int i = 0; i < xs.size(); i++) {
        if (!isFloat(xs.get(i))) continue;
        Tensor vi = v.get(i);
        if (vi == null || !Arrays.equals(vi.shape(), xs.get(i).shape())) {
          throw new IllegalArgumentException("hvp: v " + i + (vi == null ? " is null" : " has shape "
              + Shapes.str(vi.shape())) + " but param " + i + " has shape " + Shapes.str(xs.get(i).shape()));
        }
        vs.add(vi);
      }
      if (!out.requiresGrad() || diff.isEmpty()) return spread(xs, diff, nulls(diff.size()));
      List<Tensor> gs = grad(List.of(out), diff, null, true, true, true);
      List<Tensor> roots = new ArrayList<>(), cots = new ArrayList<>();
      for (int i = 0; i < gs.size(); i++) {
        if (gs.get(i) != null && gs.get(i).requiresGrad()) {
          roots.add(gs.get(i));
          cots.add(vs.get(i));
        }
      }
      List<Tensor> hv = roots.isEmpty() ? nulls(diff.size()) : grad(roots, diff, cots, createGraph, createGraph, true);
      return spread(xs, diff, hv);
    }
  }

  public static List<Tensor> hvp(Function<List<Tensor>, Tensor> f, List<Tensor> params, List<Tensor> v) {
    return hvp(f, params, v, false);
  }

  /**
   * A differentiable function with its own backward, as {@code torch.autograd.Function}: runs
   * {@code forward} on the inputs with recording paused and records ONE node whose derivative is
   * {@code backward}. Every tensor that needs a gradient must be among the inputs (tensors the
   * forward captures from outside get none); inputs may be null (an absent option) or integer
   * (indices). Write the backward with Tensor ops on {@code ctx.input(i)}, {@code ctx.output()}
   * and {@code ctx.saved(i)}: under {@code createGraph} it is then differentiable again. It must
   * return one gradient per input, each of its input's shape and device, or null where there is
   * none; anything else fails with a message naming the function and the input.
   * <pre>{@code
   * Tensor y = Autograd.function("my_exp", List.of(x),
   *     (ctx, in) -> in.get(0).exp(),
   *     (ctx, g) -> new Tensor[] {g.mul(ctx.output())});
   * }</pre>
   * When no input requires grad (or recording is off) the forward just runs.
   *
   * @see <a href="https://pytorch.org/docs/1.13/autograd.html#function">torch.autograd.Function</a>
   */
  public static Tensor function(String name, List<Tensor> inputs, CustomForward forward, CustomBackward backward) {
    return CustomFunctions.apply(name, inputs, forward, backward);
  }

  /** {@link #function(String, List, CustomForward, CustomBackward)} for a forward that saves nothing. */
  public static Tensor function(String name, List<Tensor> inputs, Function<List<Tensor>, Tensor> forward,
                                CustomBackward backward) {
    if (forward == null) throw new IllegalArgumentException("custom function '" + name + "': forward must not be null");
    return CustomFunctions.apply(name, inputs, (ctx, in) -> forward.apply(in), backward);
  }

  /** Float inputs as leaves that require grad (the inputs themselves when keeping their graph). */
  private static List<Tensor> leaves(List<Tensor> inputs, boolean createGraph) {
    List<Tensor> xs = new ArrayList<>(inputs);
    for (int i = 0; i < xs.size(); i++) {
      Tensor x = xs.get(i);
      if (!isFloat(x) || (createGraph && x.requiresGrad())) continue;
      xs.set(i, x.detach().requiresGrad(true));
    }
    return xs;
  }

  private static Tensor apply(Function<List<Tensor>, Tensor> f, List<Tensor> xs, String who) {
    Tensor out = f.apply(Collections.unmodifiableList(xs));
    if (out == null) throw new IllegalArgumentException(who + ": the function returned null");
    return out;
  }

  private static boolean isFloat(Tensor x) { return x != null && x.dtype().isFloatingPoint(); }

  private static List<Tensor> differentiable(List<Tensor> xs) {
    List<Tensor> d = new ArrayList<>();
    for (Tensor x : xs) if (isFloat(x)) d.add(x);
    return d;
  }

  private static List<Tensor> nulls(int n) { return Arrays.asList(new Tensor[n]); }

  /** Gradients of the float inputs back in input positions; zeros for unused ones, null for others. */
  private static List<Tensor> spread(List<Tensor> xs, List<Tensor> diff, List<Tensor> gs) {
    List<Tensor> r = new ArrayList<>();
    int d = 0;
    for (Tensor x : xs) {
      if (!isFloat(x)) {
        r.add(null);
        continue;
      }
      Tensor g = gs.get(d++);
      r.add(g != null ? g : Tensor.zerosLike(x));
    }
    return r;
  }
}
