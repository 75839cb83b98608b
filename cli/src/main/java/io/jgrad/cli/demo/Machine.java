package io.jgrad.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a result was measured on: CPU model and thread count, as the docs quote it. */
final class Machine {
  private Machine() {}

  static String describe() {
    String cpu = System.getProperty("os.arch");
    try {
      Path info = Path.of("/proc/cpuinfo");
      if (Files.isReadable(info)) {
        for (String l : Files.readAllLines(info)) {
          if (l.startsWith("model name")) {
            cpu = l.substring(l.indexOf(':') + 1).trim();
            break;
          }
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // the architecture name is enough
    }
    return cpu + ", " + io.jgrad.tensor.cpu.Parallel.threads() + " threads";
  }
}
