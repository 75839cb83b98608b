package io.jgrad.tensor;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.fake.DeviceOpCatalog;
import io.jgrad.tensor.fake.FakeBackend;
import io.jgrad.tensor.spi.Backends;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every op family on the fake device (CPU kernels behind device-owned buffers, see
 * {@link FakeBackend}) against the CPU: the results must be equal and live on the fake device,
 * and any op that builds a host tensor internally fails there as it would on a GPU.
 */
class FakeDeviceOpsTest {
  private static final int MIN_OPS = 80;

  @TestFactory
  Stream<DynamicTest> everyOpMatchesTheCpu() {
    Map<String, Function<Map<String, Tensor>, Tensor>> ops = DeviceOpCatalog.ops();
    assertTrue(ops.size() >= MIN_OPS, "only " + ops.size() + " ops");
    List<DynamicTest> tests = new ArrayList<>();
    for (var e : ops.entrySet()) {
      tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
        Map<String, Tensor> cpu = DeviceOpCatalog.inputs();
        Map<String, Tensor> dev = new LinkedHashMap<>();
        cpu.forEach((k, v) -> dev.put(k, v.to(FAKE)));
        assertMatches(e.getKey(), e.getValue().apply(cpu), e.getValue().apply(dev), FAKE, 1e-6);
      }));
    }
    return tests.stream();
  }

  @Test
  void fakeDeviceIsListedAndOpened() {
    assertTrue(Backends.devices().contains(FAKE), Backends.devices().toString());
    assertEquals(FAKE, Backends.of(Device.parse("fake:0")).device());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.of(new Device("fake", 3)));
    assertTrue(e.getMessage().contains("fake:3"), e.getMessage());
  }

  @Test
  void transfersAreCountedAndOnlyExplicit() {
    Tensor x = Tensor.randn(new Generator(1), 4, 4);
    long up = FakeBackend.uploads(), down = FakeBackend.downloads();
    Tensor d = x.to(FAKE);
    Tensor r = d.matmul(d).relu().sum(new int[] {1}, false).softmax(0);
    assertEquals(up + 1, FakeBackend.uploads());
    assertEquals(down, FakeBackend.downloads());
    assertThrows(IllegalArgumentException.class, r::item); // 4 elements: refused before any read
    assertEquals(down, FakeBackend.downloads());
    r.sum().item();
    r.toFloatArray();
    assertEquals(down + 2, FakeBackend.downloads());
  }
}
