package io.jgrad.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CPU buffer pool at its limit and the Java heap at its limit, in a child JVM with a 96 MiB
 * heap and a 32 MiB pool ({@link PoolLimitChild}): the pool never parks more than its limit; an
 * allocation that only fits once the pool lets go of its arrays succeeds; one larger than the
 * heap is a {@link CpuOutOfMemoryException} naming the dtype, the element count, the bytes and
 * the heap's limit (not an OutOfMemoryError); and the backend works afterwards.
 */
class PoolLimitTest {
  @Test
  void poolAndHeapLimitsGiveClearErrors() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx96m", "-XX:+UseSerialGC", "--add-modules", "jdk.incubator.vector",
        "-Djgrad.cpu.poolBytes=" + (32 << 20), "-cp", System.getProperty("java.class.path"), PoolLimitChild.class.getName()));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out: " + out);
    System.out.print("PoolLimitTest child:\n" + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("pooled=" + (32 << 20) + " limit=" + (32 << 20)), "the pool stops at its limit: " + out);
    assertTrue(out.contains("big allocation ok, pooled after=0"), "the pool let go of its arrays for the allocation: " + out);
    assertTrue(out.contains("huge refused bytes=" + (200L << 20)), out);
    assertTrue(out.contains("float32 buffer of 52428800 elements (200.0 MiB)") && out.contains("heap's limit"), out);
    assertTrue(out.contains("still works: 300.0"), out);
    assertTrue(!out.contains("OutOfMemoryError:") || out.contains("(Java heap space)"), "no raw OutOfMemoryError escapes: " + out);
  }
}
