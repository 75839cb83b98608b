package io.jgrad.tensor;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.cpu.CpuBackend;
import io.jgrad.tensor.spi.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Mixing devices in any op with several tensor operands is refused by the tensor layer with
 * "op: expected same device, got A and B", before any backend sees a foreign buffer.
 */
class FakeDeviceMixTest {
  private static final int MIN_OPS = 35;

  /** Each op takes (a, b), where one operand slot is on the fake device and the other on the CPU. */
  private static Map<String, BiFunction<Tensor, Tensor, Tensor>> ops() {
    Map<String, BiFunction<Tensor, Tensor, Tensor>> o = new LinkedHashMap<>();
    o.put("add", Tensor::add);
    o.put("addAlpha", (a, b) -> a.add(b, 2));
    o.put("sub", Tensor::sub);
    o.put("mul", Tensor::mul);
    o.put("div", Tensor::div);
    o.put("pow", Tensor::pow);
    o.put("atan2", Tensor::atan2);
    o.put("maximum", Tensor::maximum);
    o.put("eq", Tensor::eq);
    o.put("lt", Tensor::lt);
    o.put("logicalAnd", (a, b) -> a.gt(0).logicalAnd(b.gt(0)));
    o.put("whereAB", (a, b) -> Tensor.where(a.gt(0), a, b));
    o.put("whereCond", (a, b) -> Tensor.where(b.gt(0), a, 1.0));
    o.put("addInPlace", (a, b) -> a.copy().addInPlace(b));
    o.put("mulInPlace", (a, b) -> a.copy().mulInPlace(b));
    o.put("copyFrom", (a, b) -> a.copy().copyFrom(b));
    o.put("maskedFillInPlace", (a, b) -> a.copy().maskedFillInPlace(b.gt(0), 1));
    o.put("maskedFill", (a, b) -> a.maskedFill(b.gt(0), 1));
    o.put("maskedSelect", (a, b) -> a.maskedSelect(b.gt(0)));
    o.put("gather", (a, b) -> a.gather(1, b.gt(0).to(DType.INT64)));
    o.put("scatter", (a, b) -> a.scatter(1, b.gt(0).to(DType.INT64), a));
    o.put("scatterSrc", (a, b) -> a.gt(10).to(DType.FLOAT32).scatter(1, a.gt(0).to(DType.INT64), b));
    o.put("scatterAdd", (a, b) -> a.scatterAdd(1, b.gt(0).to(DType.INT64), a));
    o.put("indexSelect", (a, b) -> a.indexSelect(0, b.flatten().gt(0).to(DType.INT64)));
    o.put("indexAdd", (a, b) -> a.indexAdd(0, a.select(1, 0).gt(9).to(DType.INT64), b, 1));
    o.put("take", (a, b) -> a.take(b.gt(0).to(DType.INT64)));
    o.put("matmul", (a, b) -> a.matmul(b.t()));
    o.put("mm", (a, b) -> a.mm(b.t()));
    o.put("bmm", (a, b) -> a.unsqueeze(0).bmm(b.t().unsqueeze(0)));
    o.put("outer", (a, b) -> a.flatten().outer(b.flatten()));
    o.put("dot", (a, b) -> a.flatten().dot(b.flatten()));
    o.put("einsum", (a, b) -> Tensor.einsum("ij,kj->ik", a, b));
    o.put("cdist", (a, b) -> Tensor.cdist(a, b, 2));
    o.put("cat", (a, b) -> Tensor.cat(List.of(a, b), 0));
    o.put("stack", (a, b) -> Tensor.stack(List.of(a, b), 0));
    o.put("conv1d", (a, b) -> a.unsqueeze(0).conv1d(b.unsqueeze(0).narrow(2, 0, 2), null, 1, 0, 1, 1));
    o.put("conv1dBias", (a, b) -> a.unsqueeze(0).conv1d(a.unsqueeze(0).narrow(2, 0, 2), b.flatten().narrow(0, 0, 1), 1, 0, 1, 1));
    o.put("conv2d", (a, b) -> a.view(1, 1, 3, 4).conv2d(b.view(1, 1, 3, 4), null, new int[] {1, 1}, new int[] {0, 0},
        new int[] {1, 1}, 1));
    o.put("convTranspose2d", (a, b) -> a.view(1, 1, 3, 4).convTranspose2d(b.view(1, 1, 3, 4), null, new int[] {1, 1},
        new int[] {0, 0}, new int[] {0, 0}, 1, new int[] {1, 1}));
    return o;
  }

  @TestFactory
  Stream<DynamicTest> mixedOperandsAreRefusedByTheTensorLayer() {
    Map<String, BiFunction<Tensor, Tensor, Tensor>> ops = ops();
    assertTrue(ops.size() >= MIN_OPS, "only " + ops.size() + " ops");
    List<DynamicTest> tests = new ArrayList<>();
    for (var e : ops.entrySet()) {
      for (boolean fakeFirst : new boolean[] {true, false}) {
        tests.add(DynamicTest.dynamicTest(e.getKey() + (fakeFirst ? "(fake, cpu)" : "(cpu, fake)"), () -> {
          Tensor cpu = Tensor.randn(new Generator(5), 3, 4);
          Tensor dev = cpu.to(FAKE);
          // Sanity: on one device the op runs.
          assertEquals(FAKE, e.getValue().apply(dev, dev).device(), e.getKey() + " on the fake device");
          IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
              () -> e.getValue().apply(fakeFirst ? dev : cpu, fakeFirst ? cpu : dev));
          String m = x.getMessage();
          assertTrue(m.contains("expected same device, got "), m);
          assertTrue(m.contains("fake:0") && m.contains("cpu"), m);
          assertFalse(m.startsWith("cpu backend") || m.startsWith("fake backend"), "reached a backend: " + m);
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void cpuBackendRefusesAForeignBufferWithBothDevices() {
    Tensor dev = Tensor.randn(new Generator(1), 2, 2).to(FAKE);
    Tensor cpu = Tensor.zeros(2, 2);
    View foreign = dev.layout();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CpuBackend.INSTANCE.copy(foreign, cpu.layout()));
    assertEquals("cpu backend: copy got a buffer on fake:0; expected same device, got fake:0 and cpu", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CpuBackend.INSTANCE.download(foreign));
    assertTrue(e.getMessage().contains("fake:0"), e.getMessage());
  }

  @Test
  void fakeBackendRefusesAHostBuffer() {
    Tensor dev = Tensor.zeros(2, 2).to(FAKE);
    Tensor cpu = Tensor.ones(2, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> dev.backend().copy(cpu.layout(), dev.layout()));
    assertTrue(e.getMessage().startsWith("fake backend: copy got a buffer on cpu"), e.getMessage());
  }

  @Test
  void toInPlaceKeepsIdentityAndMovesTheGradient() {
    Tensor p = Tensor.randn(new Generator(2), 3);
    float[] before = p.toFloatArray();
    Tensor g = Tensor.ones(3);
    p.setGrad(g);
    Tensor view = p.narrow(0, 0, 2);
    assertTrue(p == p.toInPlace(FAKE));
    assertEquals(FAKE, p.device());
    assertEquals(FAKE, p.grad().device());
    assertEquals(Device.CPU, view.device(), "a view taken before keeps the old memory");
    org.junit.jupiter.api.Assertions.assertArrayEquals(before, p.toFloatArray());
    p.toInPlace(Device.CPU);
    assertEquals(Device.CPU, p.device());
    org.junit.jupiter.api.Assertions.assertArrayEquals(before, p.toFloatArray());
  }
}
