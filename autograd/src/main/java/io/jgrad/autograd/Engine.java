package io.jgrad.autograd;

import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Recorder;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The tape. {@link #record} turns each differentiable op into a {@link Node}; backward walks
 * the nodes reachable from the roots in reverse creation order (a valid topological order,
 * since a node is always created after the nodes of its inputs), sums the gradients that
 * fan in, calls each derivative once, and hands leaf gradients to {@code grad()} or, for the
 * functional form, to the caller (running only the nodes on a path to a requested input).
 */
public final class Engine implements Recorder {
  @Override
  public void record(String op, Tensor[] inputs, Tensor[] outputs, Object[] params) {
    Tensor out = outputs[0];
    if (!out.dtype().isFloatingPoint()) return;
    Derivative d = Derivatives.get(op);
    if (d == null) throw new IllegalStateException("autograd: no derivative registered for op '" + op + "'");
    attach(new Node(op, d, inputs, outputs, params, Anomaly.isEnabled()), out);
  }

  /** Records one node with its own derivative (a custom function) producing {@code out}. */
  static void recordNode(String name, Derivative d, Tensor[] inputs, Tensor out) {
    attach(new Node(name, d, inputs, new Tensor[] {out}, new Object[0], Anomaly.isEnabled()), out);
  }

  private static void attach(Node node, Tensor out) {
    if (Anomaly.isEnabled()) Anomaly.checkForward(node, out);
    out.attachGradFn(node, 0);
  }

  @Override
  public void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
    // A graph of gradients refers to the forward nodes (a second backward goes through them): keep them.
    run(List.of(root), Arrays.asList(gradient), retainGraph || createGraph, createGraph, null, false);
  }

  /**
   * Runs backward from roots. With {@code targets == null} leaf gradients accumulate into
   * {@code grad()}; otherwise the gradients of the targets are returned (null when a target
   * got none) and no {@code grad()} is touched.
   */
  static Tensor[] run(List<Tensor> roots, List<Tensor> rootGrads, boolean retainGraph, boolean createGraph,
                      List<Tensor> targets, boolean allowUnused) {
    Map<Node, Tensor[]> pending = new HashMap<>();
    Map<Tensor, Tensor> leafGrads = new IdentityHashMap<>();
    List<Tensor> leafOrder = new ArrayList<>();
    Map<Tensor, Integer> targetIndex = new IdentityHashMap<>();
    Map<Node, List<int[]>> nodeTargets = new HashMap<>(); // node -> (outputIndex, targetIndex)
    Tensor[] captured = targets == null ? null : new Tensor[targets.size()];
    if (targets != null) {
      for (int i = 0; i < targets.size(); i++) {
        Tensor t = targets.get(i);
        if (t == null || !t.requiresGrad()) {
          throw new IllegalArgumentException("grad: input " + i + (t == null ? " is null" : " " + Shapes.str(t.shape())
              + " does not require grad"));
        }
        targetIndex.putIfAbsent(t, i);
        if (t.gradFn() instanceof Node n) nodeTargets.computeIfAbsent(n, k -> new ArrayList<>()).add(new int[] {t.gradOutputIndex(), i});
      }
    }
    PriorityQueue<Node> ready = new PriorityQueue<>(Comparator.comparingLong((Node n) -> n.sequence).reversed());
    try (GradMode.Scope mode = createGraph ? GradMode.enabled() : GradMode.disabled()) {
      List<Node> rootNodes = new ArrayList<>();
      for (int r = 0; r < roots.size(); r++) {
        Tensor root = roots.get(r);
        Tensor g = seed(root, rootGrads.get(r), r);
        if (root.gradFn() instanceof Node n) {
          add(pending, n, root.gradOutputIndex(), g);
          rootNodes.add(n);
        } else if (targets == null || targetIndex.containsKey(root)) {
          addLeaf(leafGrads, leafOrder, root, g);
        }
      }
      List<Node> reachable = new ArrayList<>();
      Map<Node, Integer> deps = dependencies(rootNodes, reachable);
      Set<Node> needed = targets == null ? null : needed(reachable, nodeTargets.keySet(), targetIndex);
      for (Node n : reachable) if (deps.getOrDefault(n, 0) == 0) ready.add(n);
      while (!ready.isEmpty()) {
        Node node = ready.poll();
        Tensor[] gs = pending.remove(node);
        boolean execute = needed == null || needed.contains(node);
        List<int[]> caps = nodeTargets.get(node);
        Tensor g = gs == null || !(execute || caps != null) ? null : gs[0];
        if (g != null) {
          if (execute && node.isReleased()) throw freed(node);
          g = node.applyHooks(g);
          checkHookShape(g, node.outputShape(), "a hook on the output of " + node.name());
          if (caps != null) for (int[] c : caps) if (c[0] == 0) captured[c[1]] = g;
          if (targets == null) retainGrad(node, g, createGraph);
        }
        Tensor[] inGrads = g == null || !execute ? new Tensor[node.inputCount()] : callDerivative(node, g);
        for (int i = 0; i < node.inputCount(); i++) {
          Node next = node.nextNode(i);
          if (next != null) {
            if (inGrads[i] != null) add(pending, next, node.nextIndex(i), inGrads[i]);
            if (deps.merge(next, -1, Integer::sum) == 0) ready.add(next);
          } else if (node.leaf(i) != null && inGrads[i] != null
              && (targets == null || targetIndex.containsKey(node.leaf(i)))) {
            addLeaf(leafGrads, leafOrder, node.leaf(i), inGrads[i]);
          }
        }
        if (!retainGraph && execute) node.release();
      }
      for (Tensor leaf : leafOrder) {
        Tensor g = Hooks.applyLeafHooks(leaf, leafGrads.get(leaf));
        checkHookShape(g, leaf.shape(), "a hook on a leaf");
        if (targets == null) {
          accumulate(leaf, g, createGraph);
        } else {
          captured[targetIndex.get(leaf)] = g;
        }
      }
    }
    if (targets != null) {
      for (int i = 0; i < captured.length; i++) {
        Integer first = targetIndex.get(targets.get(i));
        if (first != i) captured[i] = captured[first]; // the same tensor listed twice
        if (captured[i] == null && !allowUnused) {
          throw new IllegalArgumentException("grad: input " + i + " " + Shapes.str(targets.get(i).shape())
              + " was not used to compute the outputs; pass allowUnused=true to get null for it");
        }
      }
    }
    return captured;
  }

  private static Tensor seed(Tensor root, Tensor gradient, int r) {
    if (!root.requiresGrad()) {
      throw new IllegalStateException("backward: output " + r + " " + Shapes.str(root.shape()) + " does not require grad "
          + "and has no gradFn (did you forget requiresGrad(true) on a parameter, or run under GradMode.disabled()?)");
    }
    if (gradient == null) {
      if (root.numel() != 1) {
        throw new IllegalArgumentException("backward: grad can be implicitly created only for scalar outputs, got shape "
            + Shapes.str(root.shape()) + "; pass a gradient");
      }
      return Tensor.onesLike(root);
    }
    if (!Arrays.equals(gradient.shape(), root.shape())) {
      throw new IllegalArgumentException("backward: gradient shape " + Shapes.str(gradient.shape())
          + " does not match output shape " + Shapes.str(root.shape()));
    }
    return gradient.dtype() == root.dtype() ? gradient : gradient.to(root.dtype());
  }

  private static Tensor[] callDerivative(Node node, Tensor g) {
    node.checkOutputUnmodified();
    Tensor[] out = node.derivative().backward(new Ctx(node), g);
    if (out == null || out.length != node.inputCount()) {
      throw new IllegalStateException("derivative of " + node.name() + " returned " + (out == null ? "null" : out.length
          + " gradients") + " for " + node.inputCount() + " inputs");
    }
    out = out.clone();
    validate(node, out, "derivative of " + node.name());
    if (Hooks.hasTapeHooks()) {
      Hooks.notifyTape(node, g, out);
      validate(node, out, "a tape hook on " + node.name());
    }
    if (Anomaly.isEnabled()) Anomaly.checkBackward(node, out);
    return out;
  }

  /** Drops gradients of inputs that need none, checks shapes, casts dtypes to the inputs'. */
  private static void validate(Node node, Tensor[] out, String who) {
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) continue;
      if (!node.needsGrad(i)) {
        out[i] = null;
        continue;
      }
      int[] shape = node.inputShape(i);
      if (!Arrays.equals(out[i].shape(), shape)) {
        throw new IllegalStateException(who + " returned a gradient of shape " + Shapes.str(out[i].shape())
            + " for input " + i + " of shape " + Shapes.str(shape));
      }
      if (out[i].dtype() != node.inputDtype(i)) out[i] = out[i].to(node.inputDtype(i));
    }
  }

  private static void checkHookShape(Tensor g, int[] shape, String who) {
    if (!Arrays.equals(g.shape(), shape)) {
      throw new IllegalStateException(who + " " + Shapes.str(shape) + " returned a gradient of shape "
          + Shapes.str(g.shape()));
    }
  }

  private static IllegalStateException freed(Node n) {
    return new IllegalStateException("backward through the graph a second time: the saved tensors of " + n.name()
        + " were already freed; pass retainGraph=true to the first backward (backward(gradient, true, false) or "
        + "Autograd.grad(..., retainGraph=true, ...)) to keep them");
  }

  /** How many edges from reachable nodes point at each node; fills {@code reachable}. */
  private static Map<Node, Integer> dependencies(List<Node> roots, List<Node> reachable) {
    Map<Node, Integer> deps = new HashMap<>();
    ArrayDeque<Node> stack = new ArrayDeque<>();
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Node r : roots) if (seen.add(r)) stack.push(r);
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      reachable.add(n);
      for (int i = 0; i < n.inputCount(); i++) {
        Node next = n.nextNode(i);
        if (next == null) continue;
        deps.merge(next, 1, Integer::sum);
        if (seen.add(next)) stack.push(next);
      }
    }
    return deps;
  }

  /**
   * The reachable nodes whose derivative must run in the functional form: those with an input
   * that is a target or leads to one. (A target's own producer runs only if it leads to another.)
   */
  private static Set<Node> needed(List<Node> reachable, Set<Node> targetNodes, Map<Tensor, Integer> targets) {
    List<Node> bySequence = new ArrayList<>(reachable);
    bySequence.sort(Comparator.comparingLong(n -> n.sequence));
    Set<Node> needed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Node n : bySequence) { // producers come first, so their flag is final when read
      boolean need = false;
      for (int i = 0; i < n.inputCount() && !need; i++) {
        Node next = n.nextNode(i);
        need = (next != null && (needed.contains(next) || targetNodes.contains(next)))
            || (n.leaf(i) != null && targets.containsKey(n.leaf(i)));
      }
      if (need) needed.add(n);
    }
    return needed;
  }

  private static void add(Map<Node, Tensor[]> pending, Node n, int index, Tensor g) {
    Tensor[] slot = pending.computeIfAbsent(n, k -> new Tensor[Math.max(2, index + 1)]);
    slot[index] = slot[index] == null ? g : slot[index].add(g);
  }

  private static void addLeaf(Map<Tensor, Tensor> grads, List<Tensor> order, Tensor leaf, Tensor g) {
    Tensor prev = grads.get(leaf);
    if (prev == null) order.add(leaf);
    grads.put(leaf, prev == null ? g : prev.add(g));
  }

  private static void retainGrad(Node node, Tensor g, boolean createGraph) {
    Tensor out = node.outputTensor(0);
    if (out == null || !out.retainsGrad() || out.gradFn() != node) return;
    Tensor prev = out.grad();
    out.setGrad(prev == null ? (createGraph ? g : g.copy()) : prev.add(g));
  }

  /**
   * Adds g into leaf.grad(). A gradient can be shared (add passes its incoming gradient to both
   * inputs, a seed is the caller's tensor), so the first one stored is a private copy and only
   * such a copy is ever updated in place; a gradient that is part of a graph (createGraph) is
   * never updated in place.
   */
  private static void accumulate(Tensor leaf, Tensor g, boolean createGraph) {
    Tensor prev = leaf.grad();
    if (prev != null && prev.isClosed()) {
      throw new IllegalStateException("backward: the grad() of a leaf " + Shapes.str(leaf.shape()) + " was closed and "
          + "cannot be accumulated into; setGrad(null) after "
          + "using a gradient, or keep it out of the scope");
    }
    if (!createGraph && g.requiresGrad()) g = g.detach();
    // Gradients live across steps: they must not be closed by the TensorScope open during backward.
    Tensor grad = g;
    if (prev == null) {
      leaf.setGrad(g.requiresGrad() ? g : TensorScope.untracked(grad::copy));
    } else if (createGraph || prev.requiresGrad()) {
      leaf.setGrad(TensorScope.untracked(() -> prev.add(grad)));
    } else {
      prev.addInPlace(g);
    }
  }
}
