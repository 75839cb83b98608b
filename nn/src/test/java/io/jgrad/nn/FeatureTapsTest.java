package io.jgrad.nn;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FeatureTaps on Sequential, nested custom modules and shared blocks, and its errors. */
class FeatureTapsTest {
  /** A custom model with a nested Sequential and a block used twice. */
  static final class Net extends Module {
    final Sequential stem;
    final Linear shared, head;

    Net(long seed) {
      Generator g = new Generator(seed);
      stem = registerModule("stem", new Sequential(new Linear(4, 6, true, g), new ReLU()));
      shared = registerModule("shared", new Linear(6, 6, true, g));
      head = registerModule("head", new Linear(6, 3, true, g));
    }

    @Override
    public Tensor forward(Tensor x) {
      Tensor h = stem.call(x);
      h = shared.call(shared.call(h).tanh());
      return head.call(h);
    }
  }

  private static Tensor randn(long seed, int... shape) { return Tensor.randn(new Generator(seed), shape); }

  @Test
  void capturesSequentialLayers() {
    Sequential m = new Sequential(new Linear(4, 5, true, new Generator(1)), new ReLU(), new Linear(5, 2, true, new Generator(2)));
    Tensor x = randn(3, 6, 4);
    try (FeatureTaps taps = FeatureTaps.capture(m, "0", "1")) {
      Tensor out = m.call(x);
      Tensor h0 = m.get(0).forward(x);
      assertArrayEquals(h0.toDoubleArray(), taps.get("0").toDoubleArray(), 1e-7);
      assertArrayEquals(h0.relu().toDoubleArray(), taps.get("1").toDoubleArray(), 1e-7);
      assertArrayEquals(m.get(2).forward(taps.get("1")).toDoubleArray(), out.toDoubleArray(), 1e-7);
      assertEquals(List.of("0", "1"), List.copyOf(taps.all().keySet()));
    }
  }

  @Test
  void capturesNestedAndSharedModulesWithTheirGraph() {
    Net net = new Net(4);
    Tensor x = randn(5, 3, 4);
    try (FeatureTaps taps = FeatureTaps.capture(net, "stem.0", "shared", "")) {
      Tensor out = net.call(x);
      assertEquals(2, taps.getAll("shared").size(), "the shared block ran twice");
      assertEquals(taps.getAll("shared").get(1), taps.get("shared"));
      assertEquals(out, taps.get(""), "\"\" is the model itself");
      // A loss on a tapped activation reaches the parameters that produced it.
      taps.get("stem.0").pow(2).sum().backward();
      assertNotNull(net.stem.get(0).parameters().get(0).grad());
      assertEquals(null, net.head.parameters().get(0).grad());
      taps.clear();
      assertThrows(IllegalStateException.class, () -> taps.get("shared"));
      net.call(x);
      assertEquals(2, taps.getAll("shared").size());
    }
  }

  @Test
  void closingStopsTheCapture() {
    Net net = new Net(6);
    FeatureTaps taps = FeatureTaps.capture(net, "head");
    net.call(randn(7, 2, 4));
    taps.close();
    taps.close();
    net.call(randn(8, 2, 4));
    assertEquals(1, taps.getAll("head").size(), "no capture after close; what was captured stays");
  }

  @Test
  void errorsNameTheModuleAndListValidNames() {
    Net net = new Net(9);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureTaps.capture(net, "stem.0", "stem.5"));
    assertTrue(e.getMessage().contains("no module named 'stem.5' in Net; valid names: stem, stem.0, stem.1, shared, head"),
        e.getMessage());
    Sequential big = new Sequential();
    for (int i = 0; i < 20; i++) big.add(new Identity());
    e = assertThrows(IllegalArgumentException.class, () -> FeatureTaps.capture(big, "x"));
    assertTrue(e.getMessage().contains("0, 1, 2") && e.getMessage().contains("... (20 in all)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FeatureTaps.capture(net));
    try (FeatureTaps taps = FeatureTaps.capture(net, "head")) {
      IllegalStateException s = assertThrows(IllegalStateException.class, () -> taps.get("head"));
      assertTrue(s.getMessage().contains("module 'head' has not run"), s.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> taps.get("stem"));
      assertTrue(e.getMessage().contains("'stem' is not captured; captured: [head]"), e.getMessage());
    }
  }

  @Test
  void tapsOnTheFakeDeviceMatchTheCpu() {
    Tensor x = randn(10, 3, 4);
    Tensor[] r = new Tensor[4];
    int k = 0;
    for (Device d : List.of(Device.CPU, FAKE)) {
      Net net = new Net(11);
      net.to(d);
      try (FeatureTaps taps = FeatureTaps.capture(net, "stem.1", "shared")) {
        r[k++] = net.call(x.to(d));
        r[k++] = taps.getAll("shared").get(0);
        assertEquals(d, taps.get("stem.1").device());
      }
    }
    assertMatches("output", r[0], r[2], FAKE, 1e-6);
    assertMatches("shared tap", r[1], r[3], FAKE, 1e-6);
  }
}
