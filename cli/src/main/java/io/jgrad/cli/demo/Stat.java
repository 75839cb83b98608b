package io.jgrad.cli.demo;

import java.util.Locale;

/** Mean and sample standard deviation (n - 1; NaN for one value) of a metric over seeds. */
public record Stat(double mean, double sd, int n) {
  static Stat of(double[] values) {
    int n = values.length;
    double m = 0;
    for (double v : values) m += v;
    m /= n;
    double ss = 0;
    for (double v : values) ss += (v - m) * (v - m);
    return new Stat(m, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n);
  }

  /** "0.9712 ± 0.0031" (4 significant digits, trailing zeros dropped; the mean alone for one seed). */
  public String format() {
    String m = num(mean);
    return n > 1 && Double.isFinite(sd) ? m + " ± " + num(sd) : m;
  }

  static String num(double v) {
    if (Double.isNaN(v)) return "nan";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    if (v == 0) return "0";
    double a = Math.abs(v);
    String s = a >= 1e5 || a < 1e-3 ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
    // 4 significant digits without trailing zeros: "2.000" -> "2", "1.500e-04" -> "1.5e-04"
    return s.replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1");
  }
}
