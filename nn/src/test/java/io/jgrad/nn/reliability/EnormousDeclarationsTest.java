package io.jgrad.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Headers that declare enormous shapes, offsets, header lengths or element counts (including
 * counts that wrap a long to 0), and compressed members that inflate far past what their header
 * declares, read in a child JVM with a 128 MiB heap ({@link EnormousDeclarationsChild}). Every
 * file must be refused with a message naming it, by validation: a refusal that comes from an
 * allocation that failed ("more than the Java heap can hold") means the reader tried to allocate
 * what the header declared, and fails the test; so does an OutOfMemoryError, a wrong exception
 * or a file that is read as if it were valid. The one valid file, an npz whose 256 MiB member is
 * not an array, must be read without inflating that member.
 */
class EnormousDeclarationsTest {
  @Test
  void enormousDeclarationsAreRefusedBeforeAllocating() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "--add-modules", "jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"), EnormousDeclarationsChild.class.getName()));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child JVM timed out: " + out);
    System.out.print("EnormousDeclarationsTest child (-Xmx128m):\n" + out);
    assertEquals(0, p.exitValue(), out);
    List<String> cases = new ArrayList<>(), bad = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.startsWith("CASE ")) continue;
      cases.add(line);
      // The one valid archive (a huge non-array member beside an array) must be read, its junk never inflated.
      String want = line.contains("that is not an array") ? "| READ |" : "| REFUSED |";
      if (!line.contains(want) || line.contains("more than the Java heap can hold")) bad.add(line);
    }
    assertEquals(20, cases.size(), "every crafted file was tried: " + out);
    assertTrue(bad.isEmpty(), bad.size() + " files were not refused by validation:\n" + String.join("\n", bad));
  }
}
