package io.jgrad.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** jgrad's version: the Maven project version, filtered into the resource {@code io/jgrad/cli/version.properties} by the build. */
final class Version {
  static final String RESOURCE = "version.properties";
  private static String version;

  private Version() {}

  static synchronized String get() {
    if (version == null) {
      Properties p = new Properties();
      try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
        if (in == null) throw new IllegalStateException("the resource io/jgrad/cli/" + RESOURCE + " is missing from the build");
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String v = p.getProperty("version", "");
      if (v.isBlank() || v.contains("${")) throw new IllegalStateException("io/jgrad/cli/" + RESOURCE + " was not filtered by the build: '" + v + "'");
      version = v.trim();
    }
    return version;
  }

  /** {@code jgrad 0.1.0 (Java 25.0.1, 4 CPU threads)}. */
  static String line() {
    return "jgrad " + get() + " (Java " + Runtime.version() + ", " + io.jgrad.tensor.cpu.Parallel.threads() + " CPU threads)";
  }
}
