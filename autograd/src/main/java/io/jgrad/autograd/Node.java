package io.jgrad.autograd;

import io.jgrad.tensor.GradNode;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * One recorded op on the tape: its derivative, the inputs and outputs it saw (with their
 * versions, to catch in-place changes), its parameters, and the edges to the nodes (or
 * leaves) that produced its inputs, fixed at record time. Saved tensors are dropped after
 * backward unless the graph is retained.
 */
final class Node implements GradNode {
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final java.util.Set<String> INTERNAL = java.util.Set.of("io.jgrad.autograd.Node",
      "io.jgrad.autograd.Engine", "io.jgrad.tensor.Op", "io.jgrad.tensor.Tensor");

  final long sequence = SEQUENCE.incrementAndGet();
  private final String name;
  private final Derivative derivative;
  private final Object[] params;
  private final int inputCount;
  private final boolean[] needsGrad;
  private final Node[] nextNode;       // producer of input i, or null
  private final int[] nextIndex;       // which output of the producer
  private final Tensor[] leaf;         // input i when it is a leaf that requires grad
  private final int[][] inputShapes;  // kept after release, for the gradient shape check
  private final io.jgrad.tensor.DType[] inputDtypes;
  private final int[] outputShape0;
  private final StackTraceElement[] createdAt;
  private Tensor[] inputs, outputs;
  private int[] inputVersions, outputVersions;
  private List<UnaryOperator<Tensor>> hooks;
  private boolean released;
  private final boolean viewOfLeaf;

  Node(String name, Derivative derivative, Tensor[] inputs, Tensor[] outputs, Object[] params, boolean anomaly) {
    this.name = name;
    this.derivative = derivative;
    this.params = params.clone();
    this.inputCount = inputs.length;
    this.inputs = inputs.clone();
    this.outputs = outputs.clone();
    this.needsGrad = new boolean[inputs.length];
    this.nextNode = new Node[inputs.length];
    this.nextIndex = new int[inputs.length];
    this.leaf = new Tensor[inputs.length];
    this.inputVersions = new int[inputs.length];
    this.inputShapes = new int[inputs.length][];
    this.inputDtypes = new io.jgrad.tensor.DType[inputs.length];
    this.outputVersions = new int[outputs.length];
    for (int i = 0; i < inputs.length; i++) {
      Tensor t = inputs[i];
      if (t == null) continue;
      inputVersions[i] = t.version();
      inputShapes[i] = t.shape();
      inputDtypes[i] = t.dtype();
      if (!t.requiresGrad()) continue;
      needsGrad[i] = true;
      if (t.gradFn() instanceof Node n) {
        nextNode[i] = n;
        nextIndex[i] = t.gradOutputIndex();
      } else {
        leaf[i] = t;
      }
    }
    for (int i = 0; i < outputs.length; i++) outputVersions[i] = outputs[i].version();
    this.outputShape0 = outputs[0].shape();
    Tensor in0 = inputs.length > 0 ? inputs[0] : null;
    this.viewOfLeaf = in0 != null && in0.requiresGrad() && outputs[0].sharesMemoryWith(in0)
        && (in0.gradFn() == null || (in0.gradFn() instanceof Node n && n.viewOfLeaf));
    this.createdAt = anomaly ? new Throwable().getStackTrace() : null;
  }

  @Override public String name() { return name; }

  @Override public boolean isViewOfLeaf() { return viewOfLeaf; }

  Derivative derivative() { return derivative; }

  Object[] params() { return params; }

  int inputCount() { return inputCount; }

  boolean needsGrad(int i) { return needsGrad[i]; }

  Node nextNode(int i) { return nextNode[i]; }

  int nextIndex(int i) { return nextIndex[i]; }

  Tensor leaf(int i) { return leaf[i]; }

  int[] outputShape() { return outputShape0.clone(); }

  /** Shape of input i at record time (null for an absent input); available after release. */
  int[] inputShape(int i) { return inputShapes[i]; }

  io.jgrad.tensor.DType inputDtype(int i) { return inputDtypes[i]; }

  /**
   * Rejects a backward through this node when its output was modified in place while still
   * carrying this node's history: through a view of it, or with recording off. The values no
   * longer match what this node computed, so every gradient below it would be silently wrong.
   * (A recorded in-place op on the tensor itself moves its history to a new node, which is fine.)
   */
  void checkOutputUnmodified() {
    if (released || outputs == null) return;
    Tensor out = outputs[0];
    if (out != null && out.gradFn() == this && out.version() != outputVersions[0]) {
      throw new IllegalStateException("one of the tensors needed for gradient computation has been modified by an "
          + "in-place operation: the output " + Shapes.str(out.shape()) + " of " + name + " is at version "
          + out.version() + ", expected version " + outputVersions[0] + " (it was changed in place through a view, "
          + "or while recording was off); use copy() before modifying it");
    }
  }

  /** Where this node was recorded (anomaly mode only), for error messages. */
  String createdAt() {
    if (createdAt == null) return "(enable Anomaly mode to see where it was created)";
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    int i = 0;
    // Skip the recording machinery on top of the stack: the first frame below it called the op.
    while (i < createdAt.length && INTERNAL.contains(createdAt[i].getClassName())) i++;
    for (; i < createdAt.length && shown < 6; i++, shown++) sb.append("\n    at ").append(createdAt[i]);
    return shown == 0 ? "(unknown)" : sb.toString();
  }

  Tensor savedInput(int i) { return saved(inputs, inputVersions, i, "input"); }

  Tensor savedOutput(int i) { return saved(outputs, outputVersions, i, "output"); }

  /** The output tensor object itself (for retainGrad), or null after release. */
  Tensor outputTensor(int i) { return released || outputs == null ? null : outputs[i]; }

  private Tensor saved(Tensor[] arr, int[] versions, int i, String what) {
    if (released) {
      throw new IllegalStateException("backward through the graph a second time: the saved tensors of " + name
          + " were already freed; call backward(gradient, retainGraph=true, ...) the first time");
    }
    Tensor t = arr[i];
    if (t != null && t.version() != versions[i]) {
      throw new IllegalStateException("one of the tensors needed for gradient computation has been modified by an "
          + "in-place operation: " + what + " " + i + " of " + name + " " + Shapes.str(t.shape()) + " is at version "
          + t.version() + ", expected version " + versions[i]);
    }
    return t;
  }

  boolean isReleased() { return released; }

  /** Drops the saved tensors (after backward without retainGraph). */
  void release() {
    released = true;
    if (derivative instanceof CustomFunctions.CustomDerivative c) c.release();
    inputs = null;
    outputs = null;
  }

  synchronized void removeHook(UnaryOperator<Tensor> hook) {
    if (hooks != null) hooks.remove(hook);
  }

  synchronized void addHook(UnaryOperator<Tensor> hook) {
    if (hooks == null) hooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    hooks.add(hook);
  }

  Tensor applyHooks(Tensor grad) {
    if (hooks == null) return grad;
    for (UnaryOperator<Tensor> h : hooks) {
      Tensor r = h.apply(grad);
      if (r != null) grad = r;
    }
    return grad;
  }

  @Override
  public String toString() { return "<" + name + " node #" + sequence + ">"; }
}
