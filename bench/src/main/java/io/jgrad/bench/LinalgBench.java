package io.jgrad.bench;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float64 decompositions of one n x n matrix with entries uniform in [-1, 1) (eigh: A + A^T),
 * timed per call (single shot: a 1024 svd takes seconds). Peer: bench/peers/linalg_peer.py
 * (numpy.linalg.svd / eigh, LAPACK through OpenBLAS) at the same sizes; run both back to back
 * and note the machine load:
 *   java -jar bench/target/benchmarks.jar LinalgBench -rf json
 *   /usr/bin/python3 bench/peers/linalg_peer.py --threads 1
 * The jgrad kernels are single-threaded host float64 code (one-sided Jacobi svd, tred2/tql2 eigh).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LinalgBench {
  @Param({"256", "1024"})
  public int n;

  @Param({"svd", "svdvals", "eigh"})
  public String op;

  private Tensor a;

  @Setup(Level.Trial)
  public void setup() {
    SplittableRandom r = new SplittableRandom(42);
    double[] v = new double[n * n];
    for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-1, 1);
    Tensor x = Tensor.fromArray(v, n, n);
    a = op.equals("eigh") ? x.add(x.t()) : x;
  }

  @Benchmark
  public double run() {
    return switch (op) {
      case "svd" -> Linalg.svd(a, false).S().get(0);
      case "svdvals" -> Linalg.svdvals(a).get(0);
      default -> Linalg.eigh(a).eigenvalues().get(0);
    };
  }

  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(args);
  }
}
