package io.jgrad.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.Backends;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case of {@link CudaCases} on cuda:0 against the CPU backend. */
@RequiresCuda
class CudaDifferentialTest {
  private static final AtomicInteger RAN = new AtomicInteger();
  private static int expected;

  @TestFactory
  Stream<DynamicTest> cudaMatchesCpu() {
    Backend cpu = Backends.cpu();
    Backend cuda = Backends.of(Device.cuda(0));
    List<Diff> cases = CudaCases.all();
    expected = cases.size();
    assertTrue(cases.size() >= CudaCoverageTest.MIN_CASES, "catalogue has " + cases.size() + " cases");
    return cases.stream().map(d -> DynamicTest.dynamicTest(d.name(), () -> {
      d.check(cpu, cuda);
      RAN.incrementAndGet();
    }));
  }

  @AfterAll
  static void allRan() {
    System.out.println("CudaDifferentialTest: " + RAN.get() + " of " + expected + " cases matched the CPU");
    assertEquals(expected, RAN.get(), "differential cases that matched the CPU");
  }
}
