package io.jgrad.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.PoolMode;
import io.jgrad.tensor.spi.RandomOp;
import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.ScanOp;
import io.jgrad.tensor.spi.ScatterMode;
import io.jgrad.tensor.spi.UnaryOp;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs without a GPU: the differential catalogue must hold a case for every method of the
 * Backend SPI and every value of its op enums, so an op added to the SPI fails here until the CUDA
 * backend has a differential case for it.
 */
class CudaCoverageTest {
  static final int MIN_CASES = 2000;
  /** Identity methods with nothing to compare. */
  private static final Set<String> NOT_OPS = Set.of("name", "device", "close");

  @Test
  void everySpiMethodAndEnumValueHasACase() {
    List<Diff> cases = CudaCases.all();
    Set<String> methods = new HashSet<>();
    Set<Enum<?>> values = new HashSet<>();
    for (Diff d : cases) {
      methods.add(d.method());
      if (d.covers() != null) values.add(d.covers());
    }
    Set<String> missing = new TreeSet<>();
    for (Method m : Backend.class.getMethods()) {
      if (m.getDeclaringClass() == Backend.class && !NOT_OPS.contains(m.getName()) && !methods.contains(m.getName())) {
        missing.add(m.getName());
      }
    }
    for (Class<? extends Enum<?>> e : List.<Class<? extends Enum<?>>>of(UnaryOp.class, BinaryOp.class, ReduceOp.class,
        ScanOp.class, ScatterMode.class, PoolMode.class, RandomOp.class)) {
      for (Enum<?> v : e.getEnumConstants()) if (!values.contains(v)) missing.add(e.getSimpleName() + "." + v);
    }
    assertTrue(missing.isEmpty(), "no differential case for " + missing);
    assertTrue(cases.size() >= MIN_CASES, "only " + cases.size() + " differential cases");
    Set<String> names = new HashSet<>();
    for (Diff d : cases) assertTrue(names.add(d.name()), "duplicate case name " + d.name());
  }
}
