package io.jgrad.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.kernels.opencl.Differential.Input;
import io.jgrad.kernels.opencl.Differential.Layout;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.PoolMode;
import io.jgrad.tensor.spi.RandomOp;
import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.ScanOp;
import io.jgrad.tensor.spi.ScatterMode;
import io.jgrad.tensor.spi.UnaryOp;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every method of the Backend SPI and every value of its op enums has a differential case here
 * (the families' own tests sweep shapes and dtypes; this one proves nothing is missing): a
 * method or enum value without an entry fails {@link #catalogIsComplete()}, an entry whose
 * OpenCL op is missing or wrong fails its own test. Prints how many entries passed.
 */
@RequiresOpenCL
class SpiCoverageTest {
  private static final Set<String> PASSED = new ConcurrentSkipListSet<>();
  private static final DType F = DType.FLOAT32;

  /** The names every catalog must cover: "Backend.method" and "Enum.VALUE". */
  static Set<String> required() {
    Set<String> names = new TreeSet<>();
    for (Method m : Backend.class.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers())) names.add("Backend." + m.getName());
    }
    for (Class<? extends Enum<?>> e : java.util.List.<Class<? extends Enum<?>>>of(UnaryOp.class, BinaryOp.class,
        ReduceOp.class, ScanOp.class, ScatterMode.class, PoolMode.class, RandomOp.class)) {
      for (Enum<?> v : e.getEnumConstants()) names.add(e.getSimpleName() + "." + v.name());
    }
    return names;
  }

  static Map<String, IntSupplier> catalog() {
    Map<String, IntSupplier> c = new TreeMap<>();
    c.put("Backend.name", () -> { assertTrue(Differential.opencl().name().startsWith("opencl:")); return 1; });
    c.put("Backend.device", () -> { assertEquals("opencl", Differential.opencl().device().type()); return 1; });
    c.put("Backend.allocate", () -> SpiCases.copy(DType.INT64));
    c.put("Backend.upload", () -> SpiCases.copy(DType.FLOAT64));
    c.put("Backend.download", () -> SpiCases.copy(DType.BOOL));
    c.put("Backend.copy", () -> SpiCases.copy(DType.INT32));
    c.put("Backend.fill", SpiCases::fill);
    c.put("Backend.synchronize", () -> { Differential.opencl().synchronize(); return SpiCases.fill(); });
    c.put("Backend.close", () -> { Differential.opencl().close(); return SpiCases.fill(); });
    c.put("Backend.unary", () -> SpiCases.unary(UnaryOp.EXP));
    c.put("Backend.binary", () -> SpiCases.binary(BinaryOp.ADD));
    c.put("Backend.where", SpiCases::where);
    c.put("Backend.reduce", () -> SpiCases.reduce(ReduceOp.SUM));
    c.put("Backend.argReduce", () -> SpiCases.argReduce(ReduceOp.MAX));
    c.put("Backend.scan", () -> SpiCases.scan(ScanOp.CUMSUM));
    c.put("Backend.softmax", () -> SpiCases.softmax(false) + SpiCases.softmax(true));
    c.put("Backend.matmul", SpiCases::matmul);
    c.put("Backend.gather", SpiCases::gather);
    c.put("Backend.scatter", () -> SpiCases.scatter(ScatterMode.ADD));
    c.put("Backend.sort", () -> SpiCases.sort(false) + SpiCases.sort(true));
    c.put("Backend.nonzero", SpiCases::nonzero);
    c.put("Backend.im2col", SpiCases::im2col);
    c.put("Backend.col2im", SpiCases::col2im);
    c.put("Backend.pool2d", () -> SpiCases.pool2d(PoolMode.MAX));
    c.put("Backend.random", () -> SpiCases.random(RandomOp.UNIFORM));
    for (UnaryOp op : UnaryOp.values()) c.put("UnaryOp." + op, () -> SpiCases.unary(op));
    for (BinaryOp op : BinaryOp.values()) c.put("BinaryOp." + op, () -> SpiCases.binary(op));
    for (ReduceOp op : ReduceOp.values()) c.put("ReduceOp." + op, () -> SpiCases.reduce(op));
    for (ScanOp op : ScanOp.values()) c.put("ScanOp." + op, () -> SpiCases.scan(op));
    for (ScatterMode m : ScatterMode.values()) c.put("ScatterMode." + m, () -> SpiCases.scatter(m));
    for (PoolMode m : PoolMode.values()) c.put("PoolMode." + m, () -> SpiCases.pool2d(m));
    for (RandomOp op : RandomOp.values()) c.put("RandomOp." + op, () -> SpiCases.random(op));
    return c;
  }

  @Test
  void catalogIsComplete() {
    Set<String> missing = new TreeSet<>(required());
    missing.removeAll(catalog().keySet());
    assertTrue(missing.isEmpty(), "SPI methods / enum values without a differential case: " + missing);
  }

  @TestFactory
  Stream<DynamicTest> everyEntry() {
    return catalog().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      int cases = e.getValue().getAsInt();
      assertTrue(cases >= 1, e.getKey() + " ran no case");
      PASSED.add(e.getKey());
    }));
  }

  @AfterAll
  static void report() {
    Set<String> req = required();
    Set<String> failed = new TreeSet<>(req);
    failed.removeAll(PASSED);
    System.out.println("OpenCL SPI coverage: " + (req.size() - failed.size()) + " of " + req.size()
        + " SPI methods and op-enum values passed a differential case"
        + (failed.isEmpty() ? "" : "; not yet: " + failed));
    System.out.println("OpenCL differential cases by family/op: " + CoverageRegistry.snapshot());
  }

  static Input in(DType t, int[] shape, Layout l, long seed) {
    return Differential.input(t, shape, l, new java.util.SplittableRandom(seed), Differential.SPECIALS);
  }
}
