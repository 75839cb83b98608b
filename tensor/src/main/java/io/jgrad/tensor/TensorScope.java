package io.jgrad.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Closes every tensor created on this thread inside the scope, except those passed to
 * {@link #keep}: {@code try (var s = TensorScope.open()) { ...; return s.keep(result); }}.
 * Scopes nest; a kept tensor that this scope created moves to the enclosing scope (which
 * closes it unless it keeps it in turn). Keeping a tensor created outside the scope is a
 * no-op: a scope only ever closes tensors created while it was the innermost one (or
 * handed up to it by an inner scope's keep). Tensors created on other threads are not
 * tracked.
 */
public final class TensorScope implements AutoCloseable {
  private static final ThreadLocal<TensorScope> CURRENT = new ThreadLocal<>();

  private final TensorScope parent;
  private final Thread owner = Thread.currentThread();
  private final List<Tensor> created = new ArrayList<>();
  private final Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Tensor> kept = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean closed;

  private TensorScope(TensorScope parent) { this.parent = parent; }

  public static TensorScope open() {
    TensorScope s = new TensorScope(CURRENT.get());
    CURRENT.set(s);
    return s;
  }

  /**
   * Runs {@code body} with no scope tracking on this thread: what it creates outlives the
   * enclosing scopes (for state that lives across steps, such as accumulated gradients or
   * optimizer moments).
   */
  public static <T> T untracked(java.util.function.Supplier<T> body) {
    TensorScope s = CURRENT.get();
    CURRENT.set(null);
    try {
      return body.get();
    } finally {
      CURRENT.set(s);
    }
  }

  static void track(Tensor t) {
    TensorScope s = CURRENT.get();
    if (s != null) s.adopt(t);
  }

  private void adopt(Tensor t) {
    if (owned.add(t)) created.add(t);
  }

  /** Keeps t alive past this scope (it joins the enclosing scope, if any); returns t. */
  public Tensor keep(Tensor t) {
    if (owned.contains(t) && kept.add(t) && parent != null) parent.adopt(t);
    return t;
  }

  /** Tensors this scope will close. */
  public int tracked() { return created.size() - kept.size(); }

  @Override
  public void close() {
    if (closed) return;
    if (Thread.currentThread() != owner || CURRENT.get() != this) {
      throw new IllegalStateException("TensorScope closed out of order (scopes must nest, on the thread that opened them)");
    }
    closed = true;
    CURRENT.set(parent);
    for (Tensor t : created) if (!kept.contains(t)) t.close();
  }
}
