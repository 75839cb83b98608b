package io.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving a checkpoint when the disk fills up, fsync fails, or the directory is read-only: the
 * save throws an IOException naming the file and the reason and saying the previous file is
 * unchanged; the previous checkpoint still loads with its old contents; no temporary file is
 * left. Failures are injected at every stage of the write (the opener seam of
 * {@link SafeTensors}), and also made real: a child JVM under {@code ulimit -f} (the kernel's
 * "File too large"), and a directory without write permission (skipped, with the reason, when
 * the tests run as root, for whom permissions do not apply).
 */
class CheckpointFaultsTest {
  @TempDir Path dir;

  static Map<String, Tensor> state(float value, int n) {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("w", Tensor.full(new int[] {n}, value, io.jgrad.tensor.DType.FLOAT32));
    m.put("b", Tensor.full(new int[] {3}, value, io.jgrad.tensor.DType.FLOAT32));
    return m;
  }

  static Checkpoint checkpoint(float value, int n) { return new Checkpoint(state(value, n), Map.of(), (long) value, 1, 2, Map.of()); }

  static void assertHolds(Path f, float value) throws IOException {
    Checkpoint c = Checkpoint.load(f);
    assertEquals((long) value, c.step());
    for (float v : c.model().get("w").toFloatArray()) assertEquals(value, v);
  }

  List<String> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static void save(Checkpoint c, Path f, AtomicFile.Opener opener) throws IOException {
    Map<String, Tensor> all = new LinkedHashMap<>();
    c.model().forEach((k, v) -> all.put(Checkpoint.MODEL_PREFIX + k, v));
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("jgrad.format", Checkpoint.FORMAT);
    meta.put("jgrad.step", Long.toString(c.step()));
    meta.put("jgrad.rng.seed", "1");
    meta.put("jgrad.rng.offset", "2");
    SafeTensors.write(f, all, meta, opener);
  }

  @Test
  void fullDiskAtEveryStageLeavesTheOldCheckpoint() throws IOException {
    Path f = dir.resolve("last.safetensors");
    checkpoint(1, 5000).save(f);
    long size = Files.size(f);
    int cases = 0;
    for (long capacity : new long[] {0, 1, 7, 8, 100, size / 2, size - 1}) {
      for (boolean failForce : new boolean[] {false, true}) {
        if (failForce && capacity < size) continue;
        long cap = failForce ? Long.MAX_VALUE : capacity;
        IOException e = assertThrows(IOException.class, () -> save(checkpoint(2, 5000), f,
            tmp -> new FaultyChannel(AtomicFile.DEFAULT.open(tmp), cap, failForce)));
        String m = e.getMessage();
        assertTrue(m.contains(f.toString()) && m.contains(failForce ? "Input/output error" : "No space left on device")
            && m.contains("the previous file is unchanged"), m);
        assertHolds(f, 1);
        assertEquals(List.of("last.safetensors"), listing(), "no temporary file is left");
        cases++;
      }
    }
    IOException e = assertThrows(IOException.class, () -> save(checkpoint(2, 5000), dir.resolve("new.safetensors"),
        tmp -> new FaultyChannel(AtomicFile.DEFAULT.open(tmp), 100, false)));
    assertTrue(e.getMessage().contains("no file was written"), e.getMessage());
    assertEquals(List.of("last.safetensors"), listing());
    System.out.println("CheckpointFaultsTest: " + (cases + 1) + " injected full-disk/fsync failures, e.g. " + e.getMessage());
  }

  @Test
  void readOnlyDirectoryInjected() throws IOException {
    Path f = dir.resolve("best.safetensors");
    checkpoint(1, 10).save(f);
    IOException e = assertThrows(IOException.class, () -> save(checkpoint(2, 10), f, tmp -> {
      throw new AccessDeniedException(tmp.toString());
    }));
    assertTrue(e.getMessage().contains("permission denied") && e.getMessage().contains(f.toString())
        && e.getMessage().contains("the previous file is unchanged"), e.getMessage());
    assertHolds(f, 1);
    assertEquals(List.of("best.safetensors"), listing());
  }

  @Test
  void readOnlyDirectoryForReal() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    Assumptions.assumeFalse(root, "running as root: directory permissions do not apply to root, so a read-only directory "
        + "cannot be made here; readOnlyDirectoryInjected covers the same path");
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Path f = ro.resolve("best.safetensors");
    checkpoint(1, 10).save(f);
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      IOException e = assertThrows(IOException.class, () -> checkpoint(2, 10).save(f));
      assertTrue(e.getMessage().contains("permission denied") && e.getMessage().contains("the previous file is unchanged"),
          e.getMessage());
      assertHolds(f, 1);
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    try (Stream<Path> s = Files.list(ro)) {
      assertEquals(List.of("best.safetensors"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void fileSizeLimitForRealInAChildJvm() throws Exception {
    Path bash = Path.of("/bin/bash");
    Assumptions.assumeTrue(Files.isExecutable(bash), "no /bin/bash to set ulimit -f for the child JVM");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // ulimit -f counts 1024-byte blocks: 2 MiB; the old checkpoint is ~0.4 MiB, the new one ~4 MiB.
    String cmd = "ulimit -f 2048 && exec \"$0\" --add-modules jdk.incubator.vector -cp \"$1\" " + DiskFullChild.class.getName() + " \"$2\"";
    ProcessBuilder pb = new ProcessBuilder(List.of(bash.toString(), "-c", cmd, java, System.getProperty("java.class.path"),
        dir.toString()));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child timed out: " + out);
    System.out.print("CheckpointFaultsTest child under ulimit -f 2048:\n" + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("refused: safetensors: cannot save") && out.contains("File too large")
        && out.contains("the previous file is unchanged"), out);
    assertHolds(dir.resolve("last.safetensors"), 1);
    assertEquals(List.of("last.safetensors"), listing(), "no temporary file is left");
  }

  /** Temporary files of a dead writer (unlocked, older than a second) are removed by the next save; a live one's are not. */
  @Test
  void staleTemporaryFilesOfDeadWritersAreRemoved() throws Exception {
    Path f = dir.resolve("last.safetensors");
    Path dead = dir.resolve(".last.safetensors.1f2e3d.tmp");
    Path young = dir.resolve(".last.safetensors.abc.tmp");
    Path live = dir.resolve(".last.safetensors.beef.tmp");
    Path other = dir.resolve(".other.safetensors.1234.tmp");
    for (Path p : new Path[] {dead, young, live, other}) Files.write(p, new byte[100]);
    long old = System.currentTimeMillis() - 60_000;
    for (Path p : new Path[] {dead, live, other}) Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(old));
    try (FileChannel c = FileChannel.open(live, StandardOpenOption.WRITE); var lock = c.lock()) {
      checkpoint(1, 10).save(f);
      List<String> names = new ArrayList<>(listing());
      assertFalse(names.contains(dead.getFileName().toString()), "a dead writer's file is removed: " + names);
      assertTrue(names.contains(young.getFileName().toString()), "a file younger than a second is kept: " + names);
      assertTrue(names.contains(live.getFileName().toString()), "a locked file is kept: " + names);
      assertTrue(names.contains(other.getFileName().toString()), "another target's files are not touched: " + names);
    }
  }
}
