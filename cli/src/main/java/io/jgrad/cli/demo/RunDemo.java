package io.jgrad.cli.demo;
public class RunDemo {
  public static void main(String[] a) {
    long seed = Long.parseLong(a[1]); boolean smoke = a.length > 2;
    long t0 = System.nanoTime();
    WeightRegResult r = switch (a[0]) {
      case "sparsity" -> SparsityDemo.run(seed, smoke);
      case "nuclear" -> NuclearNormDemo.run(seed, smoke);
      case "quant" -> FakeQuantDemo.run(seed, smoke);
      case "continual" -> ContinualDemo.run(seed, smoke);
      case "gor" -> OrthogonalityDemo.run(OrthogonalityDemo.GOR, seed, smoke);
      default -> OrthogonalityDemo.run(OrthogonalityDemo.MHE, seed, smoke);
    };
    r.rows.forEach((k, v) -> System.out.println(k + " " + v));
    System.out.printf("%s seed %d: %.1f s%n", a[0], seed, (System.nanoTime() - t0) / 1e9);
  }
}
