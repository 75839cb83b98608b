package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The tape keeps no memory across training steps: saved tensors are released after backward,
 * and a 10,000-step loop (2-layer tanh MLP, SGD under Grad.disabled(), every step's tensors
 * closed by a TensorScope) keeps a flat heap.
 */
class MemoryTest {
  static final int STEPS = 10_000;
  static final long MAX_GROWTH_BYTES = 4L << 20;

  /** mean((tanh(x w1 + b1) w2 + b2 - y)^2) as a function of [w1, b1, w2, b2]. */
  static Function<List<Tensor>, Tensor> mlpLoss(Tensor x, Tensor y) {
    return p -> {
      Tensor h = x.matmul(p.get(0)).add(p.get(1)).tanh();
      Tensor d = h.matmul(p.get(2)).add(p.get(3)).sub(y);
      return d.mul(d).mean();
    };
  }

  /**
   * Live heap: what the heap pools held after the last collection, after a few System.gc().
   * (totalMemory - freeMemory proved noisy by several MB between runs with identical live sets.)
   */
  static long usedHeap() {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      best = Math.min(best, afterGc());
    }
    return best;
  }

  static long afterGc() {
    long n = 0;
    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) n += pool.getCollectionUsage().getUsed();
    }
    return n;
  }

  @Test
  void tenThousandStepsKeepAFlatHeap() {
    Generator g = new Generator(11);
    Tensor x = Tensor.randn(g, DType.FLOAT32, 16, 8), y = Tensor.randn(g, DType.FLOAT32, 16, 4);
    List<Tensor> params = List.of(Tensor.randn(g, DType.FLOAT32, 8, 16).mul(0.3).requiresGrad(true),
        Tensor.zeros(16).requiresGrad(true), Tensor.randn(g, DType.FLOAT32, 16, 4).mul(0.3).requiresGrad(true),
        Tensor.zeros(4).requiresGrad(true));
    var loss = mlpLoss(x, y);
    double first = Double.NaN, last = Double.NaN;
    long heapAt1000 = 0, heapAtEnd = 0;
    for (int step = 1; step <= STEPS; step++) {
      try (TensorScope s = TensorScope.open()) {
        Tensor l = loss.apply(params);
        l.backward();
        Node root = (Node) l.gradFn();
        assertTrue(root.isReleased(), "saved tensors must be released after backward");
        try (var off = Grad.disabled()) {
          for (Tensor p : params) p.subInPlace(p.grad().mul(0.05));
        }
        for (Tensor p : params) p.setGrad(null);
        if (step == 1) first = l.item();
        if (step == STEPS) last = l.item();
      }
      if (step == 1000) heapAt1000 = usedHeap();
    }
    heapAtEnd = usedHeap();
    long growth = heapAtEnd - heapAt1000;
    System.out.printf("MemoryTest: used heap after gc at step 1000 = %.2f MB, at step %d = %.2f MB, growth %.3f MB; "
        + "loss %.4f -> %.4f%n", heapAt1000 / 1e6, STEPS, heapAtEnd / 1e6, growth / 1e6, first, last);
    assertTrue(last < first * 0.5, "SGD should reduce the loss: " + first + " -> " + last);
    assertTrue(growth < MAX_GROWTH_BYTES, "heap grew by " + growth + " bytes between step 1000 and " + STEPS);
  }

  @Test
  void savedTensorsAreDroppedAfterBackwardAndKeptWithRetainGraph() {
    Tensor w = Tensor.of(1.0, 2.0).requiresGrad(true);
    Tensor l = w.exp().sum();
    Node sum = (Node) l.gradFn();
    l.backward(null, true, false);
    assertTrue(!sum.isReleased(), "retainGraph keeps the saved tensors");
    l.backward();
    assertTrue(sum.isReleased());
    assertNull(sum.outputTensor(0), "a released node holds no output");
  }

  static boolean collected(java.lang.ref.WeakReference<?> ref) {
    for (int i = 0; i < 20 && ref.get() != null; i++) usedHeap();
    return ref.get() == null;
  }

  @Test
  void theGraphHoldsIntermediatesUntilBackwardAndNoneWhenDisabled() {
    Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
    Tensor h = x.exp();
    var ref = new java.lang.ref.WeakReference<>(h);
    Tensor l = h.mul(h).sum();
    h = null;
    assertTrue(!collected(ref), "mul saved h for backward");
    l.backward();
    assertTrue(collected(ref), "backward released h although the loss is still referenced");
    List<java.lang.ref.WeakReference<Tensor>> refs = new java.util.ArrayList<>();
    Tensor z = squaredExpSumWithoutGrad(x, refs); // in a method: no stack slot keeps the intermediate
    ref = refs.get(0);
    assertNull(z.gradFn());
    assertTrue(collected(ref), "under Grad.disabled() nothing keeps intermediates");
    assertEquals(Math.exp(2) + Math.exp(4), z.item(), 1e-9);
    assertEquals(2 * Math.exp(2), x.grad().toDoubleArray()[0], 1e-9);
  }

  private static Tensor squaredExpSumWithoutGrad(Tensor x, List<java.lang.ref.WeakReference<Tensor>> refs) {
    try (var off = Grad.disabled()) {
      Tensor k = x.exp();
      refs.add(new java.lang.ref.WeakReference<>(k));
      return k.mul(k).sum();
    }
  }

  @Test
  void leafHooksDoNotKeepTheirTensorsAlive() {
    int before = Hooks.leafHookCount();
    for (int i = 0; i < 200; i++) Hooks.register(Tensor.zeros(DType.FLOAT64, 1000).requiresGrad(true), gr -> gr);
    long deadline = System.currentTimeMillis() + 5000;
    while (Hooks.leafHookCount() > before && System.currentTimeMillis() < deadline) usedHeap();
    assertEquals(before, Hooks.leafHookCount(), "hooks of collected tensors must go away");
  }
}
