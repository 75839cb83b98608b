package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Gradient hooks. A tensor hook sees (and may replace) the gradient flowing into one tensor;
 * a tape hook sees every node's backward (for clipping, logging, statistics).
 */
public final class Hooks {
  /**
   * Called after each node's derivative ran: the node's name, its output gradient, its input
   * gradients. The hook may replace entries of {@code gradInputs} (gradient clipping); null
   * entries are inputs that need no gradient. Replacements must keep the input's shape.
   */
  @FunctionalInterface
  public interface TapeHook {
    void onBackward(String op, Tensor gradOutput, Tensor[] gradInputs);
  }

  /** Removes a tape hook on close; closing twice is harmless. */
  public interface Handle extends AutoCloseable {
    @Override void close();
  }

  private static final Map<Tensor, List<UnaryOperator<Tensor>>> LEAF_HOOKS = Collections.synchronizedMap(new WeakHashMap<>());
  private static final List<TapeHook> TAPE_HOOKS = new CopyOnWriteArrayList<>();

  private Hooks() {}

  /**
   * Registers {@code hook} on t: during backward it receives the gradient of t and returns the
   * gradient to use instead (or null to keep it). Works for leaves and for non-leaf tensors.
   * Closing the returned handle removes the hook.
   */
  public static Handle register(Tensor t, UnaryOperator<Tensor> hook) {
    if (!t.requiresGrad()) throw new IllegalStateException("register hook: tensor does not require grad");
    UnaryOperator<Tensor> h = g -> hook.apply(g); // a distinct object, so the handle removes this registration only
    if (t.gradFn() instanceof Node n) {
      n.addHook(h);
      return () -> n.removeHook(h);
    }
    LEAF_HOOKS.computeIfAbsent(t, k -> new CopyOnWriteArrayList<>()).add(h);
    return () -> {
      List<UnaryOperator<Tensor>> hs = LEAF_HOOKS.get(t);
      if (hs != null) hs.remove(h);
    };
  }

  /**
   * Adds a tape hook (for every backward on every thread) until the returned handle is closed:
   * {@code try (var h = Hooks.addTapeHook(...)) { loss.backward(); }}.
   */
  public static Handle addTapeHook(TapeHook hook) {
    TAPE_HOOKS.add(hook);
    return () -> TAPE_HOOKS.remove(hook);
  }

  /**
   * Removes the tensor hooks registered on a leaf (a non-leaf's hooks go away with its graph).
   * Leaf hooks are held weakly by the tensor, but a hook that captures its own tensor keeps
   * both alive: remove such hooks when done.
   */
  public static void clear(Tensor t) { LEAF_HOOKS.remove(t); }

  /** Leaves with hooks still held (for leak tests). */
  static int leafHookCount() { return LEAF_HOOKS.size(); }

  static boolean hasTapeHooks() { return !TAPE_HOOKS.isEmpty(); }

  static Tensor applyLeafHooks(Tensor leaf, Tensor grad) {
    List<UnaryOperator<Tensor>> hs = LEAF_HOOKS.get(leaf);
    if (hs == null) return grad;
    for (UnaryOperator<Tensor> h : hs) {
      Tensor r = h.apply(grad);
      if (r != null) grad = r;
    }
    return grad;
  }

  static void notifyTape(Node node, Tensor gradOutput, Tensor[] gradInputs) {
    for (TapeHook h : TAPE_HOOKS) h.onBackward(node.name(), gradOutput, gradInputs);
  }
}
