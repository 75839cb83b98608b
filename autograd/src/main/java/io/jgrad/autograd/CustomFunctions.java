package io.jgrad.autograd;

import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Runs a custom function: the forward with recording paused, then one {@link Node} on the tape
 * whose derivative is the user's backward, checked for the number, shapes and devices of the
 * gradients it returns.
 */
final class CustomFunctions {
  private CustomFunctions() {}

  static Tensor apply(String name, List<Tensor> inputs, CustomForward forward, CustomBackward backward) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("Autograd.function: name is null or blank");
    if (inputs == null) throw new IllegalArgumentException("custom function '" + name + "': inputs is null");
    if (forward == null || backward == null) {
      throw new IllegalArgumentException("custom function '" + name + "': forward and backward must not be null");
    }
    Tensor[] in = inputs.toArray(new Tensor[0]);
    boolean record = false;
    boolean[] needs = new boolean[in.length];
    for (int i = 0; i < in.length; i++) {
      needs[i] = in[i] != null && in[i].requiresGrad() && GradMode.isEnabled();
      record |= needs[i];
    }
    FunctionCtx ctx = new FunctionCtx(name, Collections.unmodifiableList(Arrays.asList(in)), needs);
    Tensor out;
    try (GradMode.Scope off = GradMode.disabled()) {
      out = forward.forward(ctx, ctx.inputCount() == 0 ? List.of() : Collections.unmodifiableList(Arrays.asList(in)));
    }
    ctx.endForward();
    if (out == null) throw new IllegalStateException("custom function '" + name + "': forward returned null");
    if (!record || !out.dtype().isFloatingPoint()) {
      ctx.release();
      return out;
    }
    // The output must be a fresh tensor to carry this node: an input (or anything with history) returned as is gets an alias.
    if (out.requiresGrad() || out.gradFn() != null) out = out.detach();
    Engine.recordNode(name, new CustomDerivative(ctx, backward), in, out);
    return out;
  }

  /** The user's backward as a {@link Derivative}, with the checks PyTorch makes on a Function's backward. */
  static final class CustomDerivative implements Derivative {
    private final FunctionCtx ctx;
    private final CustomBackward backward;

    CustomDerivative(FunctionCtx ctx, CustomBackward backward) {
      this.ctx = ctx;
      this.backward = backward;
    }

    @Override
    public Tensor[] backward(Ctx tape, Tensor grad) {
      String who = "custom function '" + ctx.name() + "': backward";
      Tensor[] gs;
      synchronized (ctx) {
        Ctx outer = ctx.bind(tape); // a nested backward through the same node restores the outer binding
        try {
          gs = backward.backward(ctx, grad);
        } finally {
          ctx.bind(outer);
        }
      }
      int n = tape.inputCount();
      if (gs == null) throw new IllegalStateException(who + " returned null; return one gradient (or null) per input, " + n + " in all");
      if (gs.length != n) {
        throw new IllegalStateException(who + " returned " + gs.length + " gradient" + (gs.length == 1 ? "" : "s") + " for " + n
            + " input" + (n == 1 ? "" : "s") + "; return one per input, null where none");
      }
      for (int i = 0; i < n; i++) {
        Tensor g = gs[i];
        if (g == null || !tape.needsGrad(i)) continue;
        int[] shape = tape.inputShape(i);
        if (!Arrays.equals(g.shape(), shape)) {
          throw new IllegalStateException(who + " returned a gradient of shape " + Shapes.str(g.shape()) + " for input " + i
              + " of shape " + Shapes.str(shape));
        }
        if (!g.device().equals(tape.input(i).device())) {
          throw new IllegalStateException(who + " returned a gradient on " + g.device() + " for input " + i + " on "
              + tape.input(i).device());
        }
      }
      return gs;
    }

    void release() { ctx.release(); }
  }
}
