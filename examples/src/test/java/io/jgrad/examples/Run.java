package io.jgrad.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs an example's main in this JVM and returns the lines it printed. */
final class Run {
  @FunctionalInterface
  interface Main {
    void run(String[] args) throws Exception;
  }

  private Run() {}

  static synchronized List<String> main(Main main, String... args) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      main.run(args);
    } finally {
      System.setOut(old);
    }
    List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
    lines.forEach(old::println);
    return lines;
  }

  /** The number after {@code key} in the first line that contains it. */
  static double number(List<String> lines, String key) {
    for (String l : lines) {
      int i = l.indexOf(key);
      if (i >= 0) return Double.parseDouble(l.substring(i + key.length()).trim().split("[ ,]")[0]);
    }
    throw new AssertionError("no line with '" + key + "' in " + lines);
  }
}
