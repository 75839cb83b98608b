package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the command as a user does: in-process through {@link Main#run}, or as a child process through bin/jgrad from a chosen directory. */
final class Cli {
  record Run(int code, String out, String err) {
    Run ok() {
      assertEquals(0, code, "exit code; stderr: " + err + "\nstdout: " + out);
      return this;
    }
  }

  private Cli() {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    int rc = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The repository root (the directory holding bin/jgrad). */
  static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) if (Files.isRegularFile(p.resolve("bin/jgrad"))) return p;
    throw new IllegalStateException("bin/jgrad not found above " + Path.of("").toAbsolutePath());
  }

  /** {@code bin/jgrad args} in {@code cwd}, on this test's classes (JGRAD_CLASSPATH) and JDK. */
  static Run child(Path cwd, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bash", root().resolve("bin/jgrad").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().put("JGRAD_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("JGRAD_JAVA_OPTS", "-Djgrad.threads=2");
    Path out = Files.createTempFile("jgrad-out", ".txt"), err = Files.createTempFile("jgrad-err", ".txt");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("bin/jgrad " + String.join(" ", args) + " did not finish in 120 s");
      }
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
