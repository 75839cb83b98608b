package io.jgrad.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jgrad without {@code --add-modules jdk.incubator.vector}, as {@code mvn exec:java}, an IDE or
 * a plain {@code java -cp} starts a program: the kernels fall back to their scalar twins, the
 * results equal the scalar path's bit for bit, and {@link VectorSupport#HINT} is printed once
 * on stderr. The child JVMs run {@link KernelProbe} (one op of every kernel family with a
 * Vector API twin). The build also runs every golden test in a JVM without the module
 * (tensor/pom.xml, profile without-vector-module), where {@link #probeMatchesThisJvm} checks
 * that the module really is absent.
 */
class NoVectorModuleTest {
  static final boolean MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  @Test
  void probeMatchesThisJvm() {
    assertEquals(MODULE, VectorSupport.AVAILABLE);
    if (!MODULE) assertTrue(CpuBackend.SCALAR_ONLY && CpuBackend.scalarOnly(), "no module: scalar kernels only");
    if (Boolean.getBoolean("jgrad.test.withoutVectorModule")) assertFalse(MODULE, "this run must not have the module");
    CpuBackend.forceScalar(false);
    assertEquals(CpuBackend.SCALAR_ONLY, CpuBackend.scalarOnly(), "forceScalar(false) cannot turn the vector kernels on without the module");
  }

  record Run(List<String> stdout, String stderr) {}

  static Run child(Path dir, String... jvmFlags) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmFlags));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelProbe.class.getName()));
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
    String stderr = Files.readString(err);
    assertEquals(0, p.exitValue(), "child JVM " + String.join(" ", jvmFlags) + " failed:\n" + stderr);
    return new Run(out, stderr);
  }

  static int count(String text, String line) {
    return (int) text.lines().filter(line::equals).count();
  }

  @Test
  void withoutTheModuleTheScalarKernelsRunAndSaySoOnce(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(MODULE, "needs the module in this JVM to compare against the vector path");
    Run none = child(dir);
    Run scalar = child(dir, "--add-modules", "jdk.incubator.vector", "-Djgrad.cpu.scalar=true");
    Run vector = child(dir, "--add-modules", "jdk.incubator.vector");
    Run silenced = child(dir, "-Djgrad.cpu.scalar=true");

    assertEquals(KernelProbe.run().size(), none.stdout().size(), none.stdout().toString());
    assertEquals(scalar.stdout(), none.stdout(), "without the module the results are the scalar kernels', bit for bit");
    assertEquals(scalar.stdout(), silenced.stdout());
    assertEquals(1, count(none.stderr(), VectorSupport.HINT), "the hint is printed exactly once:\n" + none.stderr());
    assertTrue(VectorSupport.HINT.contains("--add-modules jdk.incubator.vector"), VectorSupport.HINT);
    assertEquals(0, count(scalar.stderr(), VectorSupport.HINT), "no hint when the module is there");
    assertEquals(0, count(vector.stderr(), VectorSupport.HINT), "no hint when the module is there");
    assertEquals(0, count(silenced.stderr(), VectorSupport.HINT), "-Djgrad.cpu.scalar=true silences the hint");
    // the vector kernels really ran in the other JVM: same sums within float tolerance, other bits somewhere
    boolean differs = false;
    for (int i = 0; i < scalar.stdout().size(); i++) {
      String[] s = scalar.stdout().get(i).split(" "), v = vector.stdout().get(i).split(" ");
      assertEquals(s[0], v[0]);
      double ss = Double.parseDouble(s[2]), vs = Double.parseDouble(v[2]);
      assertEquals(ss, vs, 1e-3 * Math.max(1, Math.abs(ss)), s[0]);
      differs |= !s[1].equals(v[1]);
    }
    assertTrue(differs, "vector and scalar kernels gave identical bits everywhere: was the vector path used?");
  }
}
