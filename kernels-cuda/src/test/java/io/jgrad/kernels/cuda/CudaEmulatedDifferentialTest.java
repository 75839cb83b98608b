package io.jgrad.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jgrad.tensor.spi.Backends;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs without a GPU (needs g++): differential cases with the CUDA backend's Java code and the real
 * kernel sources, compiled for the host by {@link CudaEmulator}, against the CPU. Emulating block
 * threads is slow (the whole catalogue takes ~10 minutes on 2 cores), so by default every 25th case
 * runs; {@code -Djgrad.cuda.emulateAll=true} runs all of them (5010 of 5012 matched on 2026-11-26;
 * the 2 TF32 cases are not emulated: no tensor cores). Skipped with a visible reason without g++.
 */
class CudaEmulatedDifferentialTest {
  @Test
  void kernelsMatchTheCpuOnTheHostEmulator() {
    Path dir = Path.of("target", "cuda-emu");
    String why = CudaEmulator.build(dir);
    assumeTrue(why == null, "kernel emulator unavailable: " + why);
    CudaBackend emu = new CudaBackend(new CudaContext(0, new CudaEmulator(dir)));
    boolean all = Boolean.getBoolean("jgrad.cuda.emulateAll");
    List<Diff> cases = new ArrayList<>();
    List<Diff> catalogue = CudaCases.all();
    for (int i = 0; i < catalogue.size(); i++) {
      Diff d = catalogue.get(i);
      if (!d.name().contains("TF32") && (all || i % 25 == 0)) cases.add(d);
    }
    List<String> failed = new ArrayList<>();
    for (Diff d : cases) {
      try {
        d.check(Backends.cpu(), emu);
      } catch (RuntimeException | AssertionError e) {
        failed.add(e.getMessage() == null ? d.name() + ": " + e : e.getMessage().split("\n")[0]);
      }
    }
    assertEquals(true, cases.size() >= (all ? 5000 : 190), cases.size() + " cases");
    System.out.println("CudaEmulatedDifferentialTest: " + (cases.size() - failed.size()) + " of " + cases.size() + " match");
    failed.stream().limit(60).forEach(System.out::println);
    assertEquals(List.of(), failed.subList(0, Math.min(15, failed.size())), failed.size() + " of " + cases.size() + " cases differ");
  }
}
