package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.cpu.CpuBuffer;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** close(), reference counting across views, pool reuse, and TensorScope. */
class MemoryTest {
  private static Object array(Tensor t) { return ((CpuBuffer) t.layout().buffer()).array(); }

  @Test
  void closedArrayIsReusedByTheNextAllocationOfTheSameSize() {
    Tensor a = Tensor.empty(DType.FLOAT32, 7, 1301);
    Object arr = array(a);
    a.close();
    Tensor b = Tensor.empty(DType.FLOAT32, 1301, 7);
    assertTrue(arr == array(b), "the pool hands the freed array to the next same-size allocation");
    Tensor c = Tensor.empty(DType.FLOAT64, 7, 1301);
    assertTrue(arr != array(c), "another dtype never gets it");
    b.close();
    c.close();
  }

  @Test
  void wrappedCallerArraysAreNeverPooled() {
    float[] mine = new float[4099];
    Tensor a = Tensor.fromArray(mine, 4099);
    Tensor w = Tensor.wrap(io.jgrad.tensor.cpu.CpuBackend.INSTANCE, new io.jgrad.tensor.spi.View(
        io.jgrad.tensor.cpu.CpuBackend.INSTANCE.wrap(DType.FLOAT32, mine), DType.FLOAT32, new int[] {4099},
        new int[] {1}, 0));
    a.close();
    w.close();
    Tensor b = Tensor.empty(DType.FLOAT32, 4099);
    assertTrue(array(b) != mine, "an array the caller still holds must not be handed to another tensor");
    b.close();
  }

  @Test
  void viewsKeepTheBufferAliveUntilTheLastIsClosed() {
    Tensor a = Tensor.arange(0, 9113, 1, DType.FLOAT32);
    Object arr = array(a);
    Tensor col = a.view(-1, 1);
    Tensor v = col.t();
    col.close();
    Tensor s = a.slice(0, 1, 9113, 2);
    a.close();
    assertTrue(a.isClosed());
    assertFalse(v.isClosed());
    Tensor fresh = Tensor.empty(DType.FLOAT32, 9113);
    assertTrue(arr != array(fresh), "a buffer still viewed is never handed out");
    fresh.backend().fill(fresh.layout(), -1);
    assertEquals(9112.0, v.get(0, 9112));
    v.close();
    assertEquals(3.0, s.get(1), "the slice still reads the original data");
    Tensor fresh2 = Tensor.empty(DType.FLOAT32, 9113);
    assertTrue(arr != array(fresh2));
    s.close();
    Tensor reused = Tensor.empty(DType.FLOAT32, 9113);
    assertTrue(arr == array(reused), "after the last view closes, the array is recycled");
    fresh.close();
    fresh2.close();
    reused.close();
  }

  @Test
  void useAfterCloseThrowsNamingShapeAndDtype() {
    Tensor a = Tensor.zeros(DType.INT32, 2, 3);
    a.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, a::toFloatArray);
    assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("int32"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> a.view(6));
    assertThrows(IllegalStateException.class, a::layout);
    assertThrows(IllegalStateException.class, () -> a.get(0, 0));
    assertTrue(a.toString().contains("closed"), a.toString());
    a.close();  // double close is harmless
    assertTrue(a.isClosed());
  }

  @Test
  void aTensorOverAFreedBufferThrowsNamingShapeAndDtype() {
    Tensor a = Tensor.zeros(DType.FLOAT64, 4, 25);
    io.jgrad.tensor.spi.View v = a.layout();
    a.close();
    Tensor ghost = Tensor.wrap(a.backend(), v.with(new int[] {100}, new int[] {1}, 0));
    IllegalStateException e = assertThrows(IllegalStateException.class, ghost::toDoubleArray);
    assertTrue(e.getMessage().contains("[100]") && e.getMessage().contains("float64"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> ghost.view(10, 10));
  }

  @Test
  void doubleCloseDoesNotFreeABufferAViewStillUses() {
    Tensor a = Tensor.arange(0, 100, 1, DType.FLOAT64);
    Tensor v = a.view(10, 10);
    a.close();
    a.close();
    a.close();
    assertFalse(v.layout().buffer().isFreed());
    assertEquals(99.0, v.get(9, 9));
    v.close();
    assertTrue(v.isClosed());
  }

  @Test
  void concurrentClosesReleaseOnce() throws Exception {
    for (int trial = 0; trial < 200; trial++) {
      Tensor a = Tensor.zeros(DType.FLOAT32, 64);
      Tensor v = a.view(8, 8);
      CountDownLatch go = new CountDownLatch(1);
      Thread[] ts = new Thread[3];
      for (int i = 0; i < ts.length; i++) {
        ts[i] = new Thread(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          a.close();
        });
        ts[i].start();
      }
      go.countDown();
      for (Thread t : ts) t.join();
      assertFalse(v.layout().buffer().isFreed(), "trial " + trial + ": the view's buffer must stay live");
      v.close();
    }
  }

  @Test
  void scopeClosesWhatItCreatedAndKeepsWhatIsKept() {
    Tensor outside = Tensor.ones(3);
    Tensor kept, dropped, view;
    try (TensorScope s = TensorScope.open()) {
      dropped = Tensor.ones(3);
      view = outside.view(3, 1);
      kept = s.keep(Tensor.zeros(3));
      s.keep(outside);  // created outside: keeping it is a no-op, the scope never owned it
      assertEquals(2, s.tracked());
    }
    assertTrue(dropped.isClosed());
    assertTrue(view.isClosed());
    assertFalse(kept.isClosed());
    assertFalse(outside.isClosed());
    assertArrayEquals(new float[] {1, 1, 1}, outside.toFloatArray(), 0f);
    kept.close();
    outside.close();
  }

  @Test
  void nestedScopesHandKeptTensorsOutward() {
    Tensor outside = Tensor.ones(2);
    Tensor inner, passedOn, droppedByOuter;
    try (TensorScope outer = TensorScope.open()) {
      try (TensorScope in = TensorScope.open()) {
        inner = Tensor.ones(2);
        passedOn = in.keep(Tensor.ones(2));
        droppedByOuter = in.keep(Tensor.zeros(2));
        in.keep(outside);
      }
      assertTrue(inner.isClosed());
      assertFalse(passedOn.isClosed());
      assertFalse(droppedByOuter.isClosed());
      outer.keep(passedOn);
    }
    assertFalse(passedOn.isClosed(), "kept by both scopes");
    assertTrue(droppedByOuter.isClosed(), "kept by the inner scope only: the outer one closes it");
    assertFalse(outside.isClosed(), "a tensor from before both scopes is never closed by them");
    passedOn.close();
    outside.close();
  }

  @Test
  void scopesMustCloseInOrder() {
    TensorScope outer = TensorScope.open();
    TensorScope inner = TensorScope.open();
    Tensor t = Tensor.ones(2);
    assertThrows(IllegalStateException.class, outer::close);
    inner.close();
    assertTrue(t.isClosed());
    outer.close();
  }

  @Test
  void castToTheSameDtypeSharesAndCopiesDoNot() {
    Tensor a = Tensor.of(1f, 2f, 3f);
    Tensor same = a.to(DType.FLOAT32);
    assertTrue(same.sharesMemoryWith(a));
    a.close();
    assertArrayEquals(new float[] {1, 2, 3}, same.toFloatArray(), 0f, "the same-dtype 'copy' is a view that keeps the data");
    Tensor c = same.copy();
    assertFalse(c.sharesMemoryWith(same));
    same.close();
    c.close();
  }
}
