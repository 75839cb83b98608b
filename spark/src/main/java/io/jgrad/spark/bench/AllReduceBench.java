package io.jgrad.spark.bench;

import io.jgrad.spark.collective.Collective;
import io.jgrad.spark.collective.CollectiveOptions;
import io.jgrad.spark.collective.LocalCollectives;
import io.jgrad.spark.collective.SocketRing;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The cost of one float32 all-reduce against the element count: {@code workers} ranks on threads
 * of this JVM, connected by the socket ring over the loopback interface (or the in-process pipes
 * with {@code --pipes}). For each size: warm-up calls, then {@code reps} timed calls on every
 * rank; the reported time of a call is the slowest rank's, and the table shows the median over
 * the calls with the 10th and 90th percentiles, and the algorithmic bandwidth
 * {@code 2 (N-1)/N * 4 n / t} (the bytes each link carries).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp spark/target/jgrad-spark-app.jar \
 *     io.jgrad.spark.bench.AllReduceBench [--workers 2] [--reps 50] [--sizes 1000,10000,...] [--pipes]
 * </pre>
 */
public final class AllReduceBench {
  private AllReduceBench() {}

  public static void main(String[] args) throws Exception {
    int workers = 2, reps = 50;
    int[] sizes = {1_000, 10_000, 100_000, 235_146, 1_000_000, 4_000_000, 16_000_000};
    boolean pipes = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--workers" -> workers = Integer.parseInt(args[++i]);
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--pipes" -> pipes = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.printf(Locale.ROOT, "all-reduce, float32, %d workers (threads), %s, bucket %d elements, %d calls per size%n", workers,
        pipes ? "in-process pipes" : "socket ring over loopback", CollectiveOptions.DEFAULT_BUCKET_ELEMENTS, reps);
    System.out.println("elements     MB   median ms    p10 ms    p90 ms   GB/s (algorithmic)");
    List<Collective> cs = connect(workers, pipes);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      for (int n : sizes) {
        double[] ms = measure(cs, pool, n, reps);
        Arrays.sort(ms);
        double med = ms[ms.length / 2], p10 = ms[ms.length / 10], p90 = ms[ms.length * 9 / 10];
        double bytes = 2.0 * (workers - 1) / workers * 4.0 * n;
        System.out.printf(Locale.ROOT, "%9d %6.1f %10.3f %9.3f %9.3f %8.2f%n", n, 4.0 * n / 1e6, med, p10, p90, bytes / (med * 1e-3) / 1e9);
      }
    } finally {
      pool.shutdownNow();
      for (Collective c : cs) c.close();
    }
  }

  /** Per call, the slowest rank's milliseconds. */
  private static double[] measure(List<Collective> cs, ExecutorService pool, int n, int reps) throws Exception {
    int w = cs.size();
    int warm = Math.max(3, reps / 5);
    double[][] t = new double[w][reps];
    List<Future<?>> fs = new ArrayList<>();
    for (int r = 0; r < w; r++) {
      int rank = r;
      fs.add(pool.submit(() -> {
        float[] a = new float[n];
        Arrays.fill(a, rank + 1);
        for (int i = 0; i < warm + reps; i++) {
          cs.get(rank).barrier();
          long t0 = System.nanoTime();
          cs.get(rank).allReduceSum(a);
          if (i >= warm) t[rank][i - warm] = (System.nanoTime() - t0) / 1e6;
        }
        return null;
      }));
    }
    for (Future<?> f : fs) f.get();
    double[] out = new double[reps];
    for (int i = 0; i < reps; i++) for (int r = 0; r < w; r++) out[i] = Math.max(out[i], t[r][i]);
    return out;
  }

  static List<Collective> connect(int workers, boolean pipes) throws Exception {
    CollectiveOptions o = CollectiveOptions.defaults().withTimeout(Duration.ofMinutes(2));
    if (pipes) return LocalCollectives.create(workers, o);
    List<ServerSocket> servers = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    for (int r = 0; r < workers; r++) {
      ServerSocket s = SocketRing.listen();
      servers.add(s);
      addresses.add("127.0.0.1:" + s.getLocalPort());
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Collective>> fs = new ArrayList<>();
      for (int r = 0; r < workers; r++) {
        int rank = r;
        fs.add(pool.submit(() -> SocketRing.connect(rank, addresses, servers.get(rank), 1, o)));
      }
      List<Collective> cs = new ArrayList<>();
      for (Future<Collective> f : fs) cs.add(f.get());
      return cs;
    } finally {
      pool.shutdown();
    }
  }
}
