package io.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jgrad.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM saves checkpoints of ~6 MiB to one file in a loop ({@link CheckpointWriterChild})
 * and is killed with SIGKILL ({@code Process.destroyForcibly}) at a seeded random moment of its
 * save cycle. After every kill the file on disk must be a whole checkpoint, the last one the
 * child reported or the one it was finishing (never a mix, never unreadable), and its values
 * must all equal its step. A temporary file the killed writer could not delete may remain; the
 * next writer removes it, and after the last trial none is left.
 *
 * <p>CI runs {@value #CI_TRIALS} trials; {@code -Djgrad.soak.kills=50} runs 50 (or any count).
 */
class CheckpointKillTest {
  static final int CI_TRIALS = 8;
  static final int TRIALS = Integer.getInteger("jgrad.soak.kills", CI_TRIALS);
  static final long SEED = Long.getLong("jgrad.soak.seed", 911L);

  @TempDir Path dir;

  @Test
  void killedWriterLeavesTheOldOrTheNewCheckpoint() throws Exception {
    Path f = dir.resolve("last.safetensors");
    SplittableRandom r = new SplittableRandom(SEED);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long next = 1;
    int newer = 0, same = 0, maxTemps = 0;
    List<String> log = new ArrayList<>();
    for (int trial = 0; trial < TRIALS; trial++) {
      Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "--add-modules", "jdk.incubator.vector", "-cp",
          System.getProperty("java.class.path"), CheckpointWriterChild.class.getName(), f.toString(), Long.toString(next),
          Integer.toString(1 << 18))).redirectErrorStream(true).start();
      AtomicLong last = new AtomicLong(-1), firstAt = new AtomicLong(), lastAt = new AtomicLong(), saves = new AtomicLong();
      StringBuilder other = new StringBuilder();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            if (line.startsWith("saved ")) {
              String[] w = line.split(" ");
              long at = Long.parseLong(w[2]);
              if (saves.incrementAndGet() == 1) firstAt.set(at);
              lastAt.set(at);
              last.set(Long.parseLong(w[1]));
            } else {
              other.append(line).append('\n');
            }
          }
        } catch (IOException e) {
          // the child was killed
        }
      });
      reader.start();
      // Let it save 2-4 checkpoints so the cycle time is known, then kill it somewhere in a cycle.
      int warm = 2 + r.nextInt(3);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (saves.get() < warm && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(1);
      if (saves.get() < warm) fail("the writer did not save " + warm + " checkpoints in 60 s: " + other);
      long cycle = Math.max(1, (lastAt.get() - firstAt.get()) / Math.max(1, saves.get() - 1));
      long delay = (long) (r.nextDouble() * 1.5 * cycle);
      long until = System.nanoTime() + delay;
      while (System.nanoTime() < until) Thread.onSpinWait();
      long reported = last.get();
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed child did not exit");
      reader.join(10_000);
      long finalReport = last.get();
      Checkpoint c;
      try {
        c = Checkpoint.load(f);
      } catch (IOException e) {
        throw new AssertionError("trial " + trial + ": the checkpoint on disk does not load after a kill " + delay / 1000
            + " us into a cycle of " + cycle / 1000 + " us: " + e.getMessage(), e);
      }
      long step = c.step();
      assertTrue(step == finalReport || step == finalReport + 1, "trial " + trial + ": step " + step + " on disk, the child "
          + "last reported " + finalReport + " (" + reported + " when the kill was sent)");
      for (Map.Entry<String, Tensor> e : c.model().entrySet()) {
        for (double v : e.getValue().toDoubleArray()) {
          if (v != step) fail("trial " + trial + ": tensor " + e.getKey() + " holds " + v + " in the checkpoint of step " + step);
        }
        e.getValue().close();
      }
      assertEquals(step * 3, c.rngOffset(), "metadata of the same save");
      if (step > finalReport) newer++;
      else same++;
      int temps = temps().size();
      maxTemps = Math.max(maxTemps, temps);
      log.add(String.format("trial %d: killed %d us into a %d us cycle; on disk step %d (last reported %d); %d temporary files",
          trial, delay / 1000, cycle / 1000, step, finalReport, temps));
      next = step + 1;
    }
    // The temporary files of killed writers are gone after the next save (once they are a second old).
    Thread.sleep(1100);
    try (Tensor t = Tensor.ones(3)) {
      new Checkpoint(Map.of("w", t), Map.of(), next, 7, 0, Map.of()).save(f);
    }
    List<Path> left = temps();
    System.out.println("CheckpointKillTest: " + TRIALS + " SIGKILLs (seed " + SEED + "): the file held the last reported "
        + "checkpoint " + same + " times and the one being finished " + newer + " times, and always loaded; at most " + maxTemps
        + " temporary file(s) after a kill, " + left.size() + " after the next save");
    log.forEach(l -> System.out.println("  " + l));
    assertEquals(List.of(), left, "temporary files left after the next save");
  }

  private List<Path> temps() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
