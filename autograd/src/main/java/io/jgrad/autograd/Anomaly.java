package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;

/**
 * Anomaly mode: while enabled, nodes remember where they were created, and the first op whose
 * forward output or backward gradient holds NaN or Inf throws {@link AnomalyException} naming
 * the op and that place. Costs a stack trace per op and a scan per tensor: for debugging only.
 *
 * <p>{@link #detect()} is a scope on the calling thread (as {@code GradMode}): other threads
 * keep running at full speed, and scopes on several threads cannot undo each other.
 * {@link #enable(boolean)} is the process-wide switch (every thread), for debugging a whole
 * program. A backward checks its gradients when the thread running it is in anomaly mode.
 */
public final class Anomaly {
  private static volatile boolean global;
  private static final ThreadLocal<Boolean> THREAD = ThreadLocal.withInitial(() -> false);

  private Anomaly() {}

  /** True when anomaly mode is on for the calling thread (its own scope or the process-wide switch). */
  public static boolean isEnabled() { return global || THREAD.get(); }

  /** Turns anomaly mode on or off for every thread. */
  public static void enable(boolean on) { global = on; }

  /** A scope that turns anomaly mode on for the calling thread and restores its previous setting on close. */
  public static Scope detect() {
    boolean before = THREAD.get();
    THREAD.set(true);
    Thread owner = Thread.currentThread();
    return () -> {
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException("Anomaly.detect(): scope closed on " + Thread.currentThread().getName()
            + " but opened on " + owner.getName() + " (close it on the thread that opened it)");
      }
      THREAD.set(before);
    };
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
