package io.jgrad.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/jgrad train --spark local[2]} as a user runs it: the launcher script, the packaged
 * jgrad-spark-app.jar and target/spark-jars (run after {@code package}, in the integration-test phase).
 */
class SparkLauncherIT {
  @Test
  void binJgradTrainsOnLocalSpark(@TempDir Path dir) throws Exception {
    Path root = Path.of(System.getProperty("jgrad.root", "..")).toAbsolutePath().normalize();
    Path out = dir.resolve("run");
    ProcessBuilder pb = new ProcessBuilder(List.of("bash", root.resolve("bin/jgrad").toString(), "train", "--spark", "local[2]", "--model",
        "mlp", "--epochs", "2", "--batch-size", "32", "--lr", "0.01", "--out", out.toString())).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "bin/jgrad did not finish");
    assertEquals(0, p.exitValue(), text);
    assertTrue(text.contains("jgrad train --spark local[2]") && text.contains("2 workers x batch 16"), text);
    assertTrue(text.contains("test accuracy"), text);
    assertTrue(!text.contains(" INFO "), "Spark logs at WARN:\n" + text);
    assertTrue(Files.isRegularFile(out.resolve("epoch-002.safetensors")), text);
    System.out.println(text);
  }
}
