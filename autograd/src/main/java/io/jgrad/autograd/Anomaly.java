package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;

/**
 * Anomaly mode: while enabled, nodes remember where they were created, and the first op whose
 * forward output or backward gradient holds NaN or Inf throws {@link AnomalyException} naming
 * the op and that place. Costs a stack trace per op and a scan per tensor: for debugging only.
 */
public final class Anomaly {
  private static volatile boolean enabled;

  private Anomaly() {}

  public static boolean isEnabled() { return enabled; }

  public static void enable(boolean on) { enabled = on; }

  /** A scope that turns anomaly mode on and restores the previous setting on close. */
  public static Scope detect() {
    boolean before = enabled;
    enabled = true;
    return () -> enabled = before;
  }

  /** See {@link #detect()}. */
  public interface Scope extends AutoCloseable {
    @Override void close();
  }

  static void checkForward(Node node, Tensor out) {
    if (!finite(out)) {
      throw new AnomalyException("anomaly: forward of " + node.name() + " produced NaN or Inf in its output "
          + io.jgrad.tensor.Shapes.str(out.shape()) + "; created at:" + node.createdAt());
    }
  }

  static void checkBackward(Node node, Tensor[] grads) {
    for (int i = 0; i < grads.length; i++) {
      if (grads[i] != null && !finite(grads[i])) {
        throw new AnomalyException("anomaly: backward of " + node.name() + " returned NaN or Inf in the gradient of input "
            + i + "; the op was created at:" + node.createdAt());
      }
    }
  }

  private static boolean finite(Tensor t) {
    for (double v : t.toDoubleArray()) if (!Double.isFinite(v)) return false;
    return true;
  }

  /** Thrown in anomaly mode at the first non-finite value. */
  public static final class AnomalyException extends IllegalStateException {
    AnomalyException(String message) { super(message); }
  }
}
