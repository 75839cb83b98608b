package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * One tensor closed by one thread while others use it (a misuse): the readers either get the
 * right answer (the close came after the kernel pinned the buffer, which then keeps the memory
 * until the kernel returns) or an IllegalStateException naming the tensor's shape and dtype.
 * Never a wrong answer: meanwhile a third thread allocates tensors of the same size and fills
 * them with another value, so a buffer handed back to the pool too early would be overwritten
 * under a reader. Bounded: every wait has a timeout, and a hang fails the test.
 */
class ConcurrentCloseTest {
  private static final int ROUNDS = Integer.getInteger("jgrad.closeRace.rounds", 150);
  private static final int N = 256;

  private static void close(ExecutorService pool) throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "worker threads did not stop");
  }

  @Test
  void closedOnAnotherThreadThenUsedNamesShapeAndDtype() throws Exception {
    Tensor x = Tensor.ones(DType.FLOAT64, 3, 5);
    Thread t = new Thread(x::close);
    t.start();
    t.join(10_000);
    for (Function<Tensor, Object> use : List.<Function<Tensor, Object>>of(Tensor::sum, y -> y.add(1), Tensor::toDoubleArray,
        y -> y.matmul(y.t()), Tensor::exp, y -> y.copyFrom(Tensor.zeros(DType.FLOAT64, 3, 5)))) {
      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> use.apply(x));
      String m = e.getMessage().toLowerCase(java.util.Locale.ROOT);
      assertTrue(m.contains("[3, 5]") && m.contains("float64") && m.contains("close"), e.getMessage());
    }
  }

  @Test
  void aViewClosedElsewhereLeavesOtherViewsIntact() throws Exception {
    Tensor x = Tensor.arange(0, 4096, 1, DType.FLOAT32);
    Tensor v = x.view(64, 64);
    Thread t = new Thread(x::close);
    t.start();
    t.join(10_000);
    assertEquals(4095.0 * 4096 / 2, v.sum().item(), "the view keeps the buffer alive");
    v.close();
  }

  @Test
  void closeRacingWithKernelsNeverCorruptsResults() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    AtomicLong ok = new AtomicLong(), refused = new AtomicLong();
    AtomicInteger wrong = new AtomicInteger();
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    try {
      // The polluter: keeps taking same-size buffers from the pool and writing into them.
      Future<?> polluter = pool.submit(() -> {
        while (!stop.get()) {
          try (Tensor p = Tensor.empty(DType.FLOAT32, N, N)) {
            for (int k = 0; k < 20; k++) p.fill(7 + k);
          }
        }
      });
      SplittableRandom r = new SplittableRandom(19);
      for (int round = 0; round < ROUNDS; round++) {
        Tensor x = Tensor.ones(N, N);
        CountDownLatch go = new CountDownLatch(1);
        int delay = r.nextInt(2000);
        Future<?> reader = pool.submit(() -> {
          go.countDown();
          for (int i = 0; i < 50; i++) {
            try {
              double s;
              try (Tensor sq = x.mul(x)) {
                s = sq.sum().item();
              }
              check(s == (double) N * N, "sum of x*x " + s, wrong, problems);
              if (i % 25 == 24) {
                double m;
                try (Tensor prod = x.matmul(x)) {
                  m = prod.get(3, 5);
                }
                check(m == N, "(x x)[3,5] " + m, wrong, problems);
              }
              ok.incrementAndGet();
            } catch (IllegalStateException e) {
              String m = e.getMessage().toLowerCase(java.util.Locale.ROOT);
              if (!m.contains(N + ", " + N + "]") || !m.contains("float32") || !m.contains("close")) {
                problems.add("unclear message: " + e.getMessage());
              }
              refused.incrementAndGet();
              return;
            }
          }
        });
        assertTrue(go.await(30, TimeUnit.SECONDS), "reader did not start");
        for (int spin = 0; spin < delay * 20; spin++) Thread.onSpinWait();
        x.close();
        try {
          reader.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          fail("reader hung in round " + round);
        }
      }
      stop.set(true);
      polluter.get(60, TimeUnit.SECONDS);
    } finally {
      stop.set(true);
      close(pool);
    }
    System.out.println("ConcurrentCloseTest: " + ROUNDS + " rounds, " + ok.get() + " correct results, " + refused.get()
        + " clear refusals, " + wrong.get() + " wrong results");
    assertTrue(problems.isEmpty(), problems.size() + " problems, first: " + problems.subList(0, Math.min(5, problems.size())));
    assertTrue(refused.get() > 0, "the close never hit a reader: the test exercised nothing");
  }

  @Test
  void twoThreadsClosingTheSameTensorReleaseOnce() throws Exception {
    for (int round = 0; round < 200; round++) {
      Tensor x = Tensor.ones(N, N);
      Tensor keep = x.view(-1);
      CountDownLatch go = new CountDownLatch(1);
      Thread a = new Thread(() -> { await(go); x.close(); });
      Thread b = new Thread(() -> { await(go); x.close(); });
      a.start();
      b.start();
      go.countDown();
      a.join(10_000);
      b.join(10_000);
      assertEquals(N * N, keep.sum().item(), 0.0, "a second release would have freed the view's buffer");
      keep.close();
    }
  }

  private static void check(boolean good, String what, AtomicInteger wrong, List<String> problems) {
    if (!good) {
      wrong.incrementAndGet();
      problems.add("wrong result: " + what);
    }
  }

  private static void await(CountDownLatch l) {
    try {
      l.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
