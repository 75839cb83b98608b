package io.jgrad.cli;

import io.jgrad.tensor.cpu.CpuMemory;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The soak run (not a CI test; tools/soak/run.sh starts it): {@code jgrad train} with the given
 * arguments in this JVM, for a fixed time, while a sampler records every {@code interval}
 * seconds the heap in use after a full garbage collection, the CPU buffer pool's parked bytes,
 * the live thread count, the epochs finished and the last epoch's time per step (from the run's
 * metrics.csv). Arguments: {@code OUT.csv SECONDS INTERVAL BATCHES_PER_EPOCH -- train args...}.
 */
public final class SoakMain {
  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]);
    long seconds = Long.parseLong(args[1]), interval = Long.parseLong(args[2]);
    int batches = Integer.parseInt(args[3]);
    String[] train = java.util.Arrays.copyOfRange(args, 5, args.length);
    Path runDir = null;
    for (int i = 0; i + 1 < train.length; i++) if (train[i].equals("--out")) runDir = Path.of(train[i + 1]);
    Path metrics = runDir.resolve("metrics.csv");
    long t0 = System.nanoTime();
    PrintStream out = new PrintStream(Files.newOutputStream(csv), true);
    out.println("seconds,heap_after_gc_mib,heap_committed_mib,pool_mib,threads,gc_count,epochs,step_ms");
    Thread sampler = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(interval * 1000);
        } catch (InterruptedException e) {
          return;
        }
        out.println(sample((System.nanoTime() - t0) / 1e9, metrics, batches));
      }
    }, "soak-sampler");
    sampler.setDaemon(true);
    sampler.start();
    Thread stopper = new Thread(() -> {
      try {
        Thread.sleep(seconds * 1000);
      } catch (InterruptedException e) {
        return;
      }
      out.println(sample((System.nanoTime() - t0) / 1e9, metrics, batches));
      out.flush();
      Runtime.getRuntime().halt(0);
    }, "soak-stopper");
    stopper.setDaemon(true);
    stopper.start();
    int rc = Main.run(train, System.out, System.err);
    out.println(sample((System.nanoTime() - t0) / 1e9, metrics, batches));
    out.flush();
    Runtime.getRuntime().halt(rc);
  }

  /**
   * One row. The heap after GC is read right after a full collection forced here: the pools'
   * collection usage alone misses the old generation, which a young collection does not visit
   * (with the parallel collector its after-GC reading stays 0 until a full collection), so a
   * leak into the old generation would not show. A full collection of this heap takes a few
   * milliseconds, once per interval.
   */
  static String sample(double t, Path metrics, int batches) {
    System.gc();
    long afterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), committed = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) committed += p.getUsage().getCommitted();
    }
    long gcs = 0;
    for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) gcs += Math.max(0, g.getCollectionCount());
    int epochs = 0;
    double stepMs = Double.NaN;
    try {
      List<String> lines = Files.exists(metrics) ? Files.readAllLines(metrics) : List.of();
      if (lines.size() > 1) {
        epochs = lines.size() - 1;
        String[] last = lines.get(lines.size() - 1).split(",");
        stepMs = Double.parseDouble(last[last.length - 1]) * 1000 / batches;
      }
    } catch (IOException | RuntimeException e) {
      // the file is being rewritten: keep the previous reading's gap
    }
    return String.format(Locale.ROOT, "%.1f,%.2f,%.2f,%.2f,%d,%d,%d,%.3f", t, afterGc / 1048576.0, committed / 1048576.0,
        CpuMemory.pooledBytes() / 1048576.0, Thread.activeCount(), gcs, epochs, stepMs);
  }
}
