package io.jgrad.autograd;

import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Recorder;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The tape. {@link #record} turns each differentiable op into a {@link Node}; backward walks
 * the nodes reachable from the roots in reverse creation order (a valid topological order,
 * since a node is always created after the nodes of its inputs), sums the gradients that
 * fan in, calls each derivative once, and hands leaf gradients to {@code grad()} or, for the
 * functional form, to the caller.
 */
public final class Engine implements Recorder {
  @Override
  public void record(String op, Tensor[] inputs, Tensor[] outputs, Object[] params) {
    Tensor out = outputs[0];
    if (!out.dtype().isFloatingPoint()) return;
    Derivative d = Derivatives.get(op);
    if (d == null) throw new IllegalStateException("autograd: no derivative registered for op '" + op + "'");
    Node node = new Node(op, d, inputs, outputs, params, Anomaly.isEnabled());
    if (Anomaly.isEnabled()) Anomaly.checkForward(node, out);
    out.attachGradFn(node, 0);
  }

  @Override
  public void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
    run(List.of(root), Arrays.asList(gradient), retainGraph, createGraph, null, false);
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
        if (!t.requiresGrad()) {
          throw new IllegalArgumentException("grad: input " + i + " " + Shapes.str(t.shape()) + " does not require grad");
        }
        targetIndex.put(t, i);
        if (t.gradFn() instanceof Node n) nodeTargets.computeIfAbsent(n, k -> new ArrayList<>()).add(new int[] {t.gradOutputIndex(), i});
      }
    }
    PriorityQueue<Node> ready = new PriorityQueue<>((a, b) -> Long.compare(b.sequence, a.sequence));
    try (GradMode.Scope mode = createGraph ? GradMode.enabled() : GradMode.disabled()) {
      for (int r = 0; r < roots.size(); r++) {
        Tensor root = roots.get(r);
        Tensor g = seed(root, rootGrads.get(r), r);
        if (root.gradFn() instanceof Node n) {
          add(pending, n, root.gradOutputIndex(), g);
          ready.add(n);
        } else {
          addLeaf(leafGrads, leafOrder, root, g);
        }
      }
      Map<Node, Integer> deps = dependencies(ready);
      ArrayDeque<Node> order = new ArrayDeque<>(ready);
      ready.clear();
      for (Node n : order) if (deps.getOrDefault(n, 0) == 0 && !ready.contains(n)) ready.add(n);
      while (!ready.isEmpty()) {
        Node node = ready.poll();
        Tensor[] gs = pending.remove(node);
        Tensor g = gs == null ? null : gs[0];
        if (g != null) g = node.applyHooks(g);
        List<int[]> caps = nodeTargets.get(node);
        if (caps != null && gs != null) for (int[] c : caps) captured[c[1]] = gs[c[0]];
        if (targets == null && g != null) retainGrad(node, g);
        Tensor[] inGrads = g == null ? new Tensor[node.inputCount()] : callDerivative(node, g);
        for (int i = 0; i < node.inputCount(); i++) {
          Node next = node.nextNode(i);
          if (next != null) {
            if (inGrads[i] != null) add(pending, next, node.nextIndex(i), inGrads[i]);
            int left = deps.merge(next, -1, Integer::sum);
            if (left == 0) ready.add(next);
          } else if (node.leaf(i) != null && inGrads[i] != null) {
            addLeaf(leafGrads, leafOrder, node.leaf(i), inGrads[i]);
          }
        }
        if (!retainGraph) node.release();
      }
      for (Tensor leaf : leafOrder) {
        Tensor g = Hooks.applyLeafHooks(leaf, leafGrads.get(leaf));
        if (targets == null) {
          accumulate(leaf, g, createGraph);
        } else {
          Integer ti = targetIndex.get(leaf);
          if (ti != null) captured[ti] = g;
        }
      }
    }
    if (targets != null && !allowUnused) {
      for (int i = 0; i < captured.length; i++) {
        if (captured[i] == null) {
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
    Tensor[] out = node.derivative().backward(new Ctx(node), g);
    if (out.length != node.inputCount()) {
      throw new IllegalStateException("derivative of " + node.name() + " returned " + out.length + " gradients for "
          + node.inputCount() + " inputs");
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) continue;
      if (!node.needsGrad(i)) {
        out[i] = null;
        continue;
      }
      Tensor in = node.savedInput(i);
      if (!Arrays.equals(out[i].shape(), in.shape())) {
        throw new IllegalStateException("derivative of " + node.name() + " returned a gradient of shape "
            + Shapes.str(out[i].shape()) + " for input " + i + " of shape " + Shapes.str(in.shape()));
      }
      if (out[i].dtype() != in.dtype()) out[i] = out[i].to(in.dtype());
    }
    Hooks.notifyTape(node, g, out);
    if (Anomaly.isEnabled()) Anomaly.checkBackward(node, out);
    return out;
  }

  /** How many edges from reachable nodes point at each node. */
  private static Map<Node, Integer> dependencies(PriorityQueue<Node> roots) {
    Map<Node, Integer> deps = new HashMap<>();
    ArrayDeque<Node> stack = new ArrayDeque<>(roots);
    java.util.Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    seen.addAll(roots);
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      if (n.isReleased()) {
        throw new IllegalStateException("backward through the graph a second time: the saved tensors of " + n.name()
            + " were already freed; call backward(gradient, retainGraph=true, ...) the first time");
      }
      for (int i = 0; i < n.inputCount(); i++) {
        Node next = n.nextNode(i);
        if (next == null) continue;
        deps.merge(next, 1, Integer::sum);
        if (seen.add(next)) stack.push(next);
      }
    }
    return deps;
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

  private static void retainGrad(Node node, Tensor g) {
    Tensor out = node.outputTensor(0);
    if (out != null && out.retainsGrad() && out.gradFn() == node) out.setGrad(g);
  }

  private static void accumulate(Tensor leaf, Tensor g, boolean createGraph) {
    Tensor prev = leaf.grad();
    if (!createGraph && g.requiresGrad()) g = g.detach();
    if (prev == null) {
      // Never hand out a tensor that aliases another's memory as a gradient that later steps accumulate into.
      leaf.setGrad(createGraph ? g : g.copy());
    } else {
      leaf.setGrad(createGraph ? prev.add(g) : prev.addInPlace(g));
    }
  }
}
