package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Sizes at and beyond what one tensor can hold (its data is one Java array, at most
 * {@link Shapes#MAX_NUMEL} elements): every way of asking for more is refused with the shape
 * and the exact element count named, before any memory is allocated (each case would need
 * gigabytes; the test JVM would fail with an OutOfMemoryError if one got through). Element
 * counts that overflow a long (2^21 * 2^21 * 2^22 = 2^64 wraps to 0) are counted exactly.
 */
class LimitsTest {
  private static final int BIG = 1 << 16;

  record Case(String what, Supplier<Object> run, String... parts) {}

  static List<Case> cases() {
    Tensor row = Tensor.ones(1, BIG), col = Tensor.ones(BIG, 1), one = Tensor.ones(1);
    List<Case> c = new ArrayList<>();
    c.add(new Case("zeros just past the limit", () -> Tensor.zeros(Shapes.MAX_NUMEL + 1),
        "[2147483640]", "2147483640 elements", "2147483639"));
    c.add(new Case("zeros of 2^31 - 1 (a Java array cannot be that long)", () -> Tensor.zeros(Integer.MAX_VALUE),
        "2147483647 elements"));
    c.add(new Case("2^21 x 2^21 x 2^22 = 2^64 (wraps to 0 in a long)", () -> Tensor.zeros(1 << 21, 1 << 21, 1 << 22),
        "[2097152, 2097152, 4194304]", "18446744073709551616 elements"));
    c.add(new Case("four dims of 2^16 = 2^64", () -> Tensor.empty(DType.FLOAT64, BIG, BIG, BIG, BIG),
        "18446744073709551616 elements"));
    c.add(new Case("three dims of 2^31 - 1 (overflows a long)", () -> Tensor.ones(DType.INT64, Integer.MAX_VALUE,
        Integer.MAX_VALUE, Integer.MAX_VALUE), "9903520300447984150353281023 elements"));
    c.add(new Case("full", () -> Tensor.full(new int[] {BIG, BIG}, 1.0, DType.BOOL), "[65536, 65536]", "4294967296 elements"));
    c.add(new Case("expand (a view, nothing allocated)", () -> one.expand(BIG, BIG), "[65536, 65536]", "4294967296 elements"));
    c.add(new Case("broadcasting add", () -> row.add(col), "[65536, 65536]", "4294967296"));
    c.add(new Case("outer matmul", () -> col.matmul(row), "[65536, 65536]", "4294967296"));
    c.add(new Case("reshape of an expanded view", () -> one.expand(BIG).reshape(BIG, 1).expand(BIG, BIG).contiguous(),
        "[65536, 65536]", "4294967296"));
    c.add(new Case("repeat", () -> row.repeat(BIG, 1), "4294967296"));
    c.add(new Case("fromArray with a shape that wraps to the array's length", () -> Tensor.fromArray(new float[0],
        new int[] {1 << 21, 1 << 21, 1 << 22}), "18446744073709551616"));
    c.add(new Case("randn", () -> Tensor.randn(new Generator(1), BIG, BIG, 2), "8589934592"));
    return c;
  }

  @Test
  void everyOversizedRequestIsRefusedNamingTheShapeAndCount() {
    List<Case> cases = cases();
    for (Case k : cases) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> k.run().get(), k.what());
      assertTrue(e instanceof IllegalArgumentException, k.what() + ": " + e);
      for (String p : k.parts()) assertTrue(e.getMessage().contains(p), k.what() + ": message lacks '" + p + "': " + e.getMessage());
      assertTrue(e.getMessage().contains(Integer.toString(Shapes.MAX_NUMEL)), k.what() + ": names the limit: " + e.getMessage());
    }
    System.out.println("LimitsTest: " + cases.size() + " oversized requests refused, e.g. "
        + assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1 << 21, 1 << 21, 1 << 22)).getMessage());
  }

  @Test
  void emptyShapesWithHugeDimsAreFine() {
    // A zero anywhere makes the count 0, however large the other dims (no overflow on the way).
    assertEquals(0, Shapes.numel(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 0}));
    assertEquals(0, Tensor.zeros(Integer.MAX_VALUE, 0).numel());
    assertEquals(Shapes.MAX_NUMEL, Shapes.numel(new int[] {Shapes.MAX_NUMEL}));
    assertEquals(1L << 30, Shapes.numel(new int[] {1 << 10, 1 << 10, 1 << 10}));
  }

  @Test
  void negativeSizesAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, -2));
    assertTrue(e.getMessage().contains("[3, -2]"), e.getMessage());
  }
}
