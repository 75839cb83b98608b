package io.jgrad.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Closes every tensor created on this thread inside the scope, except those passed to
 * {@link #keep}: {@code try (var s = TensorScope.open()) { ...; return s.keep(result); }}.
 * Scopes nest; a kept tensor moves to the enclosing scope.
 */
public final class TensorScope implements AutoCloseable {
  private static final ThreadLocal<TensorScope> CURRENT = new ThreadLocal<>();

  private final TensorScope parent;
  private final List<Tensor> created = new ArrayList<>();
  private final Set<Tensor> kept = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean closed;

  private TensorScope(TensorScope parent) { this.parent = parent; }

  public static TensorScope open() {
    TensorScope s = new TensorScope(CURRENT.get());
    CURRENT.set(s);
    return s;
  }

  static void track(Tensor t) {
    TensorScope s = CURRENT.get();
    if (s != null) s.created.add(t);
  }

  /** Keeps t alive past this scope (it joins the enclosing scope, if any). */
  public Tensor keep(Tensor t) {
    kept.add(t);
    if (parent != null) parent.created.add(t);
    return t;
  }

  /** Tensors this scope will close. */
  public int tracked() { return created.size() - kept.size(); }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    if (CURRENT.get() != this) {
      throw new IllegalStateException("TensorScope closed out of order (scopes must nest)");
    }
    CURRENT.set(parent);
    for (Tensor t : created) if (!kept.contains(t)) t.close();
  }
}
