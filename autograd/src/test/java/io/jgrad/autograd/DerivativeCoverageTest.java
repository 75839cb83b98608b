package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every op the tensor module records (the first string argument of {@code Op.call1/call/pair}
 * in the tensor package's sources: Tensor.java, Linalg.java, Fft.java, ...) has a registered derivative. A new recorded op without one fails here with
 * its name, before any user hits "no derivative registered" at run time.
 */
class DerivativeCoverageTest {
  /** Surefire runs in the module directory. */
  static final Path TENSOR_JAVA = Path.of("../tensor/src/main/java/io/jgrad/tensor/Tensor.java");
  static final Path TENSOR_PACKAGE = TENSOR_JAVA.getParent();
  static final Pattern RECORDED = Pattern.compile("Op\\.(call1?|pair)\\(\"([A-Za-z0-9_]+)\"");
  /** Recorded ops in Tensor.java when this test was written; the regex must keep finding at least these. */
  static final int MIN_RECORDED = 125;

  static Set<String> recordedOps() throws IOException {
    Set<String> ops = new TreeSet<>();
    try (var files = Files.list(TENSOR_PACKAGE)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = RECORDED.matcher(Files.readString(f));
        while (m.find()) ops.add(m.group(2));
      }
    }
    return ops;
  }

  @Test
  void regexFindsTheRecordedOps() throws IOException {
    Set<String> ops = recordedOps();
    assertTrue(ops.size() >= MIN_RECORDED, "found only " + ops.size() + " recorded ops in " + TENSOR_JAVA.toAbsolutePath()
        + " (expected >= " + MIN_RECORDED + "): " + ops);
    assertTrue(ops.containsAll(Set.of("add", "matmul", "sum", "maxDim", "conv2d", "toDtype", "view")), ops.toString());
  }

  @Test
  void everyRecordedOpHasADerivative() throws IOException {
    Set<String> ops = recordedOps();
    Set<String> missing = new TreeSet<>(ops);
    missing.removeAll(Derivatives.names());
    Set<String> covered = new TreeSet<>(ops);
    covered.retainAll(Derivatives.names());
    Set<String> unknown = new TreeSet<>(Derivatives.names());
    unknown.removeAll(ops);
    System.out.println("DerivativeCoverageTest: " + covered.size() + " of " + ops.size() + " recorded ops have a derivative"
        + (missing.isEmpty() ? "" : "; missing " + missing.size() + ": " + missing)
        + (unknown.isEmpty() ? "" : "; registered but not recorded in the tensor package: " + unknown));
    if (!missing.isEmpty()) {
      fail(missing.size() + " of " + ops.size() + " recorded ops have no registered derivative: " + missing);
    }
    assertEquals(ops.size(), covered.size(), "covered ops");
  }
}
