package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.cpu.VectorSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * An example started as a plain {@code java -cp} (or {@code mvn exec:java}, or an IDE) starts
 * it: without {@code --add-modules jdk.incubator.vector}. It must run on the scalar kernels,
 * print exactly what the scalar kernels print with the module present, and say once on stderr
 * how to enable the vector ones.
 */
class WithoutVectorModuleTest {
  record Out(String stdout, String stderr) {}

  static Out java(Path dir, String main, String... flags) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(flags));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + cmd);
    String stderr = Files.readString(err);
    assertEquals(0, p.exitValue(), String.join(" ", flags) + " " + main + " failed:\n" + stderr);
    return new Out(out, stderr);
  }

  static long hints(String stderr) { return stderr.lines().filter(VectorSupport.HINT::equals).count(); }

  @ParameterizedTest
  @ValueSource(strings = {"io.jgrad.examples.CustomTrainingLoop", "io.jgrad.examples.TensorsAndAutograd"})
  void runsOnTheScalarKernelsAndSaysSoOnce(String main, @TempDir Path dir) throws Exception {
    Out plain = java(dir, main);
    Out scalar = java(dir, main, "--add-modules", "jdk.incubator.vector", "-Djgrad.cpu.scalar=true");
    Out vector = java(dir, main, "--add-modules", "jdk.incubator.vector");
    assertTrue(plain.stdout().lines().count() >= 5, plain.stdout());
    assertEquals(scalar.stdout(), plain.stdout(), "without the module: the scalar kernels' results, bit for bit");
    assertEquals(1, hints(plain.stderr()), "the hint, exactly once:\n" + plain.stderr());
    assertTrue(plain.stderr().contains("--add-modules jdk.incubator.vector"));
    assertEquals(0, hints(scalar.stderr()), scalar.stderr());
    assertEquals(0, hints(vector.stderr()), vector.stderr());
    assertEquals(plain.stdout().lines().count(), vector.stdout().lines().count(), vector.stdout());
  }
}
