package io.jgrad.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.autograd.Anomaly;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Deliberately broken models under {@code Anomaly.detect()}: the exception names the first op
 * whose output (or gradient) is NaN or Inf, not a later op that merely propagates it, and where
 * the model created it. Anomaly mode is per thread: another thread's run is not checked (nor
 * slowed) by it.
 */
class AnomalyModelTest {
  /** log(x - 10): NaN for every x below 10; then exp and a sum propagate the NaN. */
  static final class LogOfNegative extends Module {
    @Override
    public Tensor forward(Tensor x) { return x.sub(10).log().exp().add(1); }
  }

  /** sqrt(relu(x)): finite forward, an infinite derivative at the zeros relu makes, 0 * inf = NaN backward. */
  static final class SqrtAtZero extends Module {
    @Override
    public Tensor forward(Tensor x) { return x.relu().sqrt(); }
  }

  static Module model(Module broken) {
    Generator g = new Generator(3);
    return new Sequential(new Linear(4, 6, true, g), broken, new Linear(6, 2, true, g));
  }

  @Test
  void forwardNaNNamesTheFirstOpAndWhereTheModelMadeIt() {
    Module m = model(new LogOfNegative());
    Tensor x = Tensor.randn(new Generator(1), 5, 4);
    try (var a = Anomaly.detect()) {
      var e = assertThrows(Anomaly.AnomalyException.class, () -> m.forward(x));
      String msg = e.getMessage();
      assertTrue(msg.contains("forward of log"), msg);
      assertFalse(msg.contains("forward of exp") || msg.contains("forward of add"), "names the first op only: " + msg);
      assertTrue(msg.contains("LogOfNegative.forward"), "names where the model created it: " + msg);
    }
    // Without anomaly mode the NaN simply flows through.
    assertTrue(Double.isNaN(m.forward(x).sum().item()));
  }

  @Test
  void backwardNaNNamesTheOpWhoseGradientBroke() {
    Module m = model(new SqrtAtZero());
    Tensor x = Tensor.randn(new Generator(2), 16, 4);
    try (var a = Anomaly.detect()) {
      Tensor loss = m.forward(x).sum();
      var e = assertThrows(Anomaly.AnomalyException.class, loss::backward);
      assertTrue(e.getMessage().contains("backward of sqrt"), e.getMessage());
      assertTrue(e.getMessage().contains("SqrtAtZero.forward"), e.getMessage());
    }
  }

  @Test
  void anomalyModeIsPerThread() throws Exception {
    Module m = model(new LogOfNegative());
    Tensor x = Tensor.randn(new Generator(1), 5, 4);
    CountDownLatch inScope = new CountDownLatch(1), done = new CountDownLatch(1);
    AtomicReference<Object> other = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        inScope.await(30, TimeUnit.SECONDS);
        other.set(m.forward(x).sum().item());
      } catch (Throwable e) {
        other.set(e);
      } finally {
        done.countDown();
      }
    });
    t.start();
    try (var a = Anomaly.detect()) {
      inScope.countDown();
      assertTrue(done.await(60, TimeUnit.SECONDS));
      assertThrows(Anomaly.AnomalyException.class, () -> m.forward(x));
    }
    assertTrue(other.get() instanceof Double d && d.isNaN(), "the other thread ran without anomaly checks: " + other.get());
    assertFalse(Anomaly.isEnabled());
  }
}
