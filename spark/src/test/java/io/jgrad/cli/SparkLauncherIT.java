package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/jgrad train --spark local[2]} and {@code bin/jgrad sweep} as a user runs them: the
 * launcher script, the packaged jgrad-spark-app.jar and target/spark-jars (run after
 * {@code package}, in the integration-test phase).
 */
class SparkLauncherIT {
  private static String binJgrad(List<String> args) throws Exception {
    Path root = Path.of(System.getProperty("jgrad.root", "..")).toAbsolutePath().normalize();
    List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("bin/jgrad").toString()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "bin/jgrad did not finish");
    assertEquals(0, p.exitValue(), text);
    assertTrue(!text.contains(" INFO "), "Spark logs at WARN:\n" + text);
    System.out.println(text);
    return text;
  }

  @Test
  void binJgradTrainsOnLocalSpark(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    String text = binJgrad(List.of("train", "--spark", "local[2]", "--model", "mlp", "--epochs", "2", "--batch-size", "32", "--lr", "0.01",
        "--out", out.toString()));
    assertTrue(text.contains("jgrad train --spark local[2]") && text.contains("2 workers x batch 16"), text);
    assertTrue(text.contains("test accuracy"), text);
    assertTrue(Files.isRegularFile(out.resolve("epoch-002.safetensors")), text);
  }

  @Test
  void binJgradSweepsOnLocalSpark(@TempDir Path dir) throws Exception {
    String text = binJgrad(List.of("sweep", "--spark", "local[2]", "--loss", "cross_entropy", "--loss", "label_smoothing_ce", "--seeds", "1",
        "--model", "mlp", "--epochs", "1", "--out", dir.resolve("sweep.md").toString()));
    assertTrue(text.contains("2 trials (2 configurations x 1 seeds)") && text.contains("label_smoothing_ce"), text);
    assertTrue(Files.isRegularFile(dir.resolve("sweep.md")), text);
  }
}
