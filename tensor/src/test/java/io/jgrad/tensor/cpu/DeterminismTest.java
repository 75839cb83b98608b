package io.jgrad.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels give the same bits interpreted and compiled: {@link DeterminismProbe} in a
 * child JVM with {@code -Xint} (every Vector API call in its Java fallback, as in the first steps
 * of a cold run) against one where C2 has compiled each kernel. Before jgrad's own exp/log
 * ({@code VectorMathF32}), the Vector API's EXP/LOG operators (SVML compiled, {@code Math}
 * interpreted) made the first training steps differ in the last ulp from later runs.
 */
class DeterminismTest {
  @Test
  void interpretedAndCompiledKernelsAgreeBitForBit() throws Exception {
    Map<String, String> cold = run("cold", "-Xint"), warm = run("warm", "-Xbatch");
    assertTrue(cold.size() >= 60, "the probe computed only " + cold.size() + " kernels: " + cold.keySet());
    assertEquals(cold.keySet(), warm.keySet());
    List<String> differ = new ArrayList<>();
    cold.forEach((k, v) -> {
      if (!v.equals(warm.get(k))) differ.add(k + ": interpreted " + v + ", compiled " + warm.get(k));
    });
    if (!differ.isEmpty()) fail("kernels whose bits depend on the JIT:\n  " + String.join("\n  ", differ));
  }

  private static Map<String, String> run(String mode, String flag) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", flag, "-Djgrad.threads=1",
        "-cp", System.getProperty("java.class.path"), DeterminismProbe.class.getName(), mode)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("determinism probe (" + mode + ") did not finish:\n" + out);
    }
    assertEquals(0, p.exitValue(), "determinism probe (" + mode + ") failed:\n" + out);
    Map<String, String> hashes = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("NOTCOMPILED ")) fail("kernel not compiled within 20 s: " + line.substring(12) + "\n" + out);
      if (line.startsWith("HASH ")) {
        String[] f = line.split(" ");
        hashes.put(f[1], f[2]);
      }
    }
    return hashes;
  }
}
