package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The op catalogue check (in the spirit of PyTorch's OpInfo): every public method of
 * {@link Tensor} is either an op with PyTorch golden cases, an op whose reference is a property
 * test (our own random streams have no torch counterpart), or a non-op accessor. A new public
 * method with no entry here fails the build until it gets its golden cases.
 */
class OpCoverageTest {
  private static final List<String> FAMILIES =
      List.of("core", "promotion", "elementwise", "reductions", "indexing", "joining", "linalg", "conv", "unfold");

  /** Java method -> golden op name, where the generator used another name. */
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("countNonzero", "count_nonzero"), Map.entry("logSoftmax", "log_softmax"),
      Map.entry("logSumExp", "logsumexp"), Map.entry("maxWithIndices", "max_dim"),
      Map.entry("minWithIndices", "min_dim"), Map.entry("maxPool2dWithIndices", "maxPool2d"),
      Map.entry("clampMin", "clamp"), Map.entry("clampMax", "clamp"), Map.entry("zero", "fill"),
      Map.entry("expandAs", "expand"), Map.entry("copy", "contiguous"), Map.entry("fromArray", "from_array"),
      Map.entry("of", "from_array"), Map.entry("scalar", "full"), Map.entry("zerosLike", "zeros"),
      Map.entry("onesLike", "ones"), Map.entry("fullLike", "full"));

  /** Ops whose reference is a property test (named), not a torch golden file. */
  private static final Map<String, String> PROPERTY_TESTED = Map.of(
      "rand", "RandomTest", "randn", "RandomTest", "randint", "RandomTest", "bernoulli", "RandomTest",
      "randperm", "RandomTest", "multinomial", "RandomTest",
      "empty", "MemoryTest", "emptyLike", "MemoryTest", "toInPlace", "FakeDeviceMixTest", "manualSeed", "DefaultGeneratorTest");

  /** Accessors, memory management and conversions: not ops. */
  private static final Set<String> NON_OPS = Set.of(
      "backend", "close", "device", "dim", "dtype", "isClosed", "isContiguous", "layout", "numel", "offset",
      "shape", "sharesMemoryWith", "size", "stride", "strides", "toString", "wrap", "get", "item",
      "toFloatArray", "toDoubleArray", "toIntArray", "toLongArray", "toBooleanArray",
      // autograd state and entry points: tested in the autograd module
      "attachGradFn", "backward", "detach", "grad", "gradFn", "gradOutputIndex", "isLeaf", "requiresGrad",
      "retainGrad", "retainsGrad", "setGrad", "version");

  @Test
  void everyPublicOpHasGoldenCasesOrANamedReference() {
    Set<String> golden = new HashSet<>();
    int cases = 0;
    for (String f : FAMILIES) {
      for (GoldenCase c : Golden.load(f)) {
        golden.add(c.op());
        cases++;
      }
    }
    Set<String> methods = new TreeSet<>();
    for (Method m : Tensor.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) methods.add(m.getName());
    }
    Set<String> uncovered = new TreeSet<>();
    for (String m : methods) {
      if (NON_OPS.contains(m)) continue;
      if (PROPERTY_TESTED.containsKey(m)) {
        String test = PROPERTY_TESTED.get(m);
        assertDoesNotThrow(() -> Class.forName("io.jgrad.tensor." + test), m + ": named test " + test + " is missing");
        continue;
      }
      String op = ALIASES.getOrDefault(m, m);
      if (!golden.contains(op)) uncovered.add(m + (op.equals(m) ? "" : " (as '" + op + "')"));
    }
    if (!uncovered.isEmpty()) fail("public Tensor ops without golden cases: " + uncovered);
    assertTrue(methods.size() > 150, "expected the full op surface, found " + methods.size() + " methods");
    assertTrue(cases > 6000, "expected > 6000 golden cases across families, found " + cases);
  }
}
