package io.jgrad.tensor;

/**
 * Whether ops on tensors that require grad are recorded, per thread. The default is on.
 * {@code try (var off = GradMode.disabled()) { ... }} records nothing and keeps no memory for
 * backward (optimizer updates, evaluation). Scopes nest and restore the previous mode.
 */
public final class GradMode {
  private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> true);

  private GradMode() {}

  public static boolean isEnabled() { return ENABLED.get(); }

  /** A scope in which nothing is recorded. */
  public static Scope disabled() { return set(false); }

  /** A scope in which recording is on (inside a disabled one, e.g. for gradient penalties). */
  public static Scope enabled() { return set(true); }

  private static Scope set(boolean on) {
    boolean before = ENABLED.get();
    ENABLED.set(on);
    return new Scope(before);
  }

  /** Restores the mode that was in force when the scope opened. */
  public static final class Scope implements AutoCloseable {
    private final boolean previous;
    private boolean closed;

    private Scope(boolean previous) { this.previous = previous; }

    @Override
    public void close() {
      if (closed) return;
      closed = true;
      ENABLED.set(previous);
    }
  }
}
