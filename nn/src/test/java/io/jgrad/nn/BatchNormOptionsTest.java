package io.jgrad.nn;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.*;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.fake.FakeBackend;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** BatchNorm.freezeStats scopes, momentum null, trackRunningStats false: semantics, errors and the fake device. */
class BatchNormOptionsTest {
  private static Sequential model() {
    Generator g = new Generator(2);
    return new Sequential(new Linear(3, 4, true, g), new BatchNorm1d(4), new ReLU(),
        new Sequential(new Linear(4, 2, true, g), new BatchNorm1d(2, 1e-5, null, true, true)));
  }

  private static float[] state(Module m) {
    List<Tensor> bs = m.buffers();
    return Tensor.cat(bs.stream().map(t -> t.to(io.jgrad.tensor.DType.FLOAT32).reshape(-1)).toList(), 0).toFloatArray();
  }

  @Test
  void freezeStatsSuspendsEveryBatchNormOfTheModelAndNests() {
    Sequential m = model();
    Tensor x = Tensor.randn(new Generator(1), 8, 3);
    m.forward(x);
    float[] before = state(m);
    Tensor yTrain;
    try (BatchNorm.FrozenStats outer = BatchNorm.freezeStats(m)) {
      assertEquals(2, outer.layers().size(), "both BatchNorm layers, the nested one included");
      try (var inner = BatchNorm.freezeStats(m.namedModules().get("3"))) {
        assertEquals(1, inner.layers().size());
      }
      assertTrue(outer.layers().stream().allMatch(BatchNorm::statsFrozen), "the outer scope still holds after the inner one closes");
      yTrain = m.forward(x);
      outer.close();
      outer.close(); // a second close does nothing
      assertFalse(outer.layers().stream().anyMatch(BatchNorm::statsFrozen));
    }
    assertArrayEquals(before, state(m), "running statistics and num_batches_tracked untouched");
    // Batch statistics were used: the same output as an unfrozen training forward, which does update.
    Tensor yAgain = m.forward(x);
    assertArrayEquals(yTrain.toFloatArray(), yAgain.toFloatArray(), 1e-6f);
    assertFalse(java.util.Arrays.equals(before, state(m)));
    var e = assertThrows(IllegalArgumentException.class, () -> BatchNorm.freezeStats(null));
    assertEquals("BatchNorm.freezeStats: model is null", e.getMessage());
  }

  @Test
  void untrackedBatchNormHasNoBuffersAndUsesBatchStatisticsInEval() {
    BatchNorm1d bn = new BatchNorm1d(3, 1e-5, 0.1, true, false);
    assertEquals(List.of("weight", "bias"), List.copyOf(bn.stateDict().keySet()));
    assertNull(bn.runningMean());
    assertFalse(bn.trackRunningStats());
    Tensor x = Tensor.randn(new Generator(3), 5, 3);
    float[] train = bn.forward(x).toFloatArray();
    bn.eval();
    assertArrayEquals(train, bn.forward(x).toFloatArray(), 0f);
    var e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(1, 3)));
    assertTrue(e.getMessage().contains("expected more than 1 value per channel"), e.getMessage());
    assertTrue(bn.toString().contains("track_running_stats=false"), bn.toString());
    assertTrue(new BatchNorm2d(2, 1e-5, null, true, true).toString().contains("momentum=None"));
  }

  @Test
  void badOptionsNameTheLayerAndTheValue() {
    var e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3, 1e-5, 1.5, true, true));
    assertEquals("BatchNorm1d: momentum must be in [0, 1] or null (cumulative average), got 1.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3, -1, 0.1, true));
    assertEquals("BatchNorm2d: eps must be >= 0, got -1.0", e.getMessage());
  }

  /** Cumulative and untracked layers, and a frozen step, on the fake device match the CPU; the cumulative update reads nothing back. */
  @Test
  void theOptionsRunOnTheDevice() {
    List<Supplier<Module>> builds = List.of(() -> new BatchNorm1d(4, 1e-5, null, true, true),
        () -> new BatchNorm2d(3, 1e-5, null, false, true), () -> new BatchNorm1d(4, 1e-5, 0.2, true, false));
    for (Supplier<Module> b : builds) {
      Module cpu = b.get(), dev = b.get().to(FAKE);
      boolean twoD = cpu instanceof BatchNorm2d;
      for (int step = 0; step < 4; step++) {
        Tensor x = twoD ? Tensor.randn(new Generator(step), 2, 3, 3, 3) : Tensor.randn(new Generator(step), 6, 4);
        Tensor xd = x.to(FAKE);
        Tensor yd, yc;
        long down = FakeBackend.downloads();
        if (step == 2) {
          try (var f = BatchNorm.freezeStats(dev)) {
            yd = dev.forward(xd);
          }
          try (var f = BatchNorm.freezeStats(cpu)) {
            yc = cpu.forward(x);
          }
        } else {
          yd = dev.forward(xd);
          yc = cpu.forward(x);
        }
        assertEquals(down, FakeBackend.downloads(), "a training forward reads nothing back (step " + step + ")");
        assertMatches(cpu + " step " + step, yc, yd, FAKE, 1e-6);
      }
      for (var e : cpu.stateDict().entrySet()) assertMatches(cpu + " " + e.getKey(), e.getValue(), dev.stateDict().get(e.getKey()), FAKE, 1e-6);
      dev.eval();
      cpu.eval();
      Tensor x = twoD ? Tensor.randn(new Generator(9), 2, 3, 3, 3) : Tensor.randn(new Generator(9), 6, 4);
      assertMatches(cpu + " eval", cpu.forward(x), dev.forward(x.to(FAKE)), FAKE, 1e-6);
    }
  }
}
