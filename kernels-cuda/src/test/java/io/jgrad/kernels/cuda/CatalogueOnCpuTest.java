package io.jgrad.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.Backends;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs without a GPU: every differential case runs on the CPU backend twice and must agree with
 * itself, so a case the CPU rejects (or a nondeterministic case) is found here, not on the GPU day.
 */
class CatalogueOnCpuTest {
  @Test
  void everyCaseRunsOnTheCpu() {
    Backend cpu = Backends.cpu();
    List<String> broken = new ArrayList<>();
    List<Diff> cases = CudaCases.all();
    int ran = 0;
    for (Diff d : cases) {
      try {
        d.check(cpu, cpu);
        ran++;
      } catch (RuntimeException | AssertionError e) {
        broken.add(d.name() + ": " + e);
      }
    }
    assertEquals(List.of(), broken.subList(0, Math.min(20, broken.size())), broken.size() + " broken cases");
    assertEquals(cases.size(), ran);
    System.out.println("CatalogueOnCpuTest: " + ran + " cases");
  }
}
