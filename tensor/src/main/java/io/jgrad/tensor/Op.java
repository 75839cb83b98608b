package io.jgrad.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Runs an op and, when autograd is recording and an input requires grad, reports it to the
 * {@link Recorder}. The op's own body runs with recording paused, so an op built from other
 * ops is one node with its own derivative. When nothing requires grad the cost is one
 * thread-local read.
 */
final class Op {
  private static volatile Recorder recorder;
  private static volatile boolean looked;

  private Op() {}

  static Recorder recorder() {
    if (!looked) {
      synchronized (Op.class) {
        if (!looked) {
          for (Recorder r : ServiceLoader.load(Recorder.class)) {
            recorder = r;
            break;
          }
          looked = true;
        }
      }
    }
    return recorder;
  }

  static boolean recording(Tensor a) { return a != null && a.requiresGrad() && GradMode.isEnabled(); }

  static boolean recording(Tensor[] inputs) {
    for (Tensor t : inputs) if (t != null && t.requiresGrad()) return GradMode.isEnabled();
    return false;
  }

  static Tensor call1(String name, Supplier<Tensor> f, Tensor x, Object... params) {
    if (!recording(x)) return f.get();
    return record(name, f, new Tensor[] {x}, params);
  }

  static Tensor call(String name, Supplier<Tensor> f, Tensor[] inputs, Object... params) {
    if (!recording(inputs)) return f.get();
    return record(name, f, inputs, params);
  }

  private static Tensor record(String name, Supplier<Tensor> f, Tensor[] inputs, Object[] params) {
    Tensor out;
    try (GradMode.Scope off = GradMode.disabled()) {
      out = f.get();
    }
    recorder().record(name, inputs, new Tensor[] {out}, params);
    return out;
  }

  /** Ops returning (values, indices): values are differentiable, indices travel as an auxiliary output. */
  static ValuesIndices pair(String name, Supplier<ValuesIndices> f, Tensor x, Object... params) {
    if (!recording(x)) return f.get();
    ValuesIndices out;
    try (GradMode.Scope off = GradMode.disabled()) {
      out = f.get();
    }
    recorder().record(name, new Tensor[] {x}, new Tensor[] {out.values(), out.indices()}, params);
    return out;
  }

  /** split/chunk: when recording, each piece becomes a recorded narrow of x. */
  static List<Tensor> pieces(Tensor x, List<Tensor> pieces, int dim) {
    if (!recording(x)) return pieces;
    int d = Shapes.dim("split", dim, x.dim());
    List<Tensor> out = new ArrayList<>(pieces.size());
    int start = 0;
    for (Tensor p : pieces) {
      int len = p.shape()[d];
      p.close();
      out.add(x.narrow(d, start, len));
      start += len;
    }
    return out;
  }

  /**
   * An in-place op. Without recording it just runs {@code kernel}. When recording, a leaf that
   * requires grad is refused (as in PyTorch); otherwise the result is computed out of place
   * from an alias carrying self's old history ({@code outOfPlace}, recorded as usual), copied
   * into self, and self takes over the new history. Saved tensors that viewed the old values
   * see the version bump, so a backward that needed them fails instead of going wrong.
   * {@code outOfPlace == null} means the new value does not depend on the old one (fill).
   */
  static Tensor inPlace(String name, Tensor self, Supplier<Tensor> kernel, UnaryOperator<Tensor> outOfPlace,
                        Tensor... others) {
    boolean rec = GradMode.isEnabled() && (self.requiresGrad() || anyRequiresGrad(others));
    if (rec && self.requiresGrad() && self.isLeaf()) {
      throw new IllegalStateException(name + ": a leaf tensor that requires grad " + Shapes.str(self.shape())
          + " cannot be modified in place; use the out-of-place op, or GradMode.disabled() for updates"
          + " (as optimizers do)");
    }
    if (rec && self.gradFn() != null && self.gradFn().isViewOfLeaf()) {
      throw new IllegalStateException(name + ": a view " + Shapes.str(self.shape()) + " of a leaf tensor that requires "
          + "grad cannot be modified in place; modify the leaf under GradMode.disabled(), or copy() the view first");
    }
    if (!rec || !self.dtype().isFloatingPoint()) {
      // Integral self: the kernel path reports the dtype error a float operand causes.
      kernel.get();
      self.bumpVersion();
      return self;
    }
    if (outOfPlace == null) {
      try (GradMode.Scope off = GradMode.disabled()) {
        kernel.get();
      }
      self.bumpVersion();
      self.detachInPlace();
      return self;
    }
    // The twin may save its input for backward (mul, div, clamp), and self's memory is overwritten
    // below: hand it a recorded copy of the old values, not an alias that would change under it.
    Tensor old = self.historyAlias().copy();
    Tensor result = outOfPlace.apply(old);
    if (!java.util.Arrays.equals(result.shape(), self.shape())) {
      throw new IllegalArgumentException(name + ": output with shape " + Shapes.str(self.shape())
          + " doesn't match the broadcast shape " + Shapes.str(result.shape()));
    }
    try (GradMode.Scope off = GradMode.disabled()) {
      self.backend().copy(result.layout(), self.layout());
    }
    self.bumpVersion();
    self.takeHistory(result);
    return self;
  }

  private static boolean anyRequiresGrad(Tensor[] ts) {
    for (Tensor t : ts) if (t != null && t.requiresGrad()) return true;
    return false;
  }
}
