package io.jgrad.cli.demo;

import java.util.Locale;

/**
 * One pass criterion of a {@link Claim}, evaluated on the mean of {@code metric} over seeds:
 * the mean of {@code method} compared with the mean of {@code baseline} plus {@code offset}, or
 * with the constant {@code offset} when {@code baseline} is null.
 * <ul>
 *   <li>{@link #lower}/{@link #higher}: strictly below/above the baseline (by more than a margin);</li>
 *   <li>{@link #atMost}/{@link #atLeast}: within an allowance of the baseline (offset may be
 *       negative: "accuracy at least the baseline's minus 1 point" is
 *       {@code atLeast("accuracy", m, b, -0.01)});</li>
 *   <li>{@link #atMost(String, String, double)}/{@link #atLeast(String, String, double)}: an
 *       absolute bound (coverage within [0.88, 0.92] is two criteria).</li>
 * </ul>
 */
public record Criterion(String metric, String method, Op op, String baseline, double offset) {
  /** How the method's mean is compared with the bound. */
  public enum Op {
    LESS("<"), LESS_EQUAL("<="), GREATER(">"), GREATER_EQUAL(">=");

    final String symbol;

    Op(String symbol) { this.symbol = symbol; }

    boolean test(double value, double bound) {
      return switch (this) {
        case LESS -> value < bound;
        case LESS_EQUAL -> value <= bound;
        case GREATER -> value > bound;
        case GREATER_EQUAL -> value >= bound;
      };
    }
  }

  public Criterion {
    if (metric == null || metric.isBlank() || method == null || method.isBlank() || op == null) {
      throw new IllegalArgumentException("Criterion: metric, method and op are required");
    }
    if (!Double.isFinite(offset)) throw new IllegalArgumentException("Criterion " + metric + ": offset must be finite, got " + offset);
    if (method.equals(baseline)) throw new IllegalArgumentException("Criterion " + metric + ": method and baseline are both '" + method + "'");
  }

  /** {@code mean(method) < mean(baseline)}: the component lowers the metric. */
  public static Criterion lower(String metric, String method, String baseline) {
    return new Criterion(metric, method, Op.LESS, baseline, 0);
  }

  /** {@code mean(method) < mean(baseline) - margin}. */
  public static Criterion lower(String metric, String method, String baseline, double margin) {
    return new Criterion(metric, method, Op.LESS, baseline, -margin);
  }

  /** mean(method) > mean(baseline): the component raises the metric. */
  public static Criterion higher(String metric, String method, String baseline) {
    return new Criterion(metric, method, Op.GREATER, baseline, 0);
  }

  /** mean(method) > mean(baseline) + margin. */
  public static Criterion higher(String metric, String method, String baseline, double margin) {
    return new Criterion(metric, method, Op.GREATER, baseline, margin);
  }

  /** {@code mean(method) <= mean(baseline) + offset}. */
  public static Criterion atMost(String metric, String method, String baseline, double offset) {
    return new Criterion(metric, method, Op.LESS_EQUAL, baseline, offset);
  }

  /** mean(method) >= mean(baseline) + offset. */
  public static Criterion atLeast(String metric, String method, String baseline, double offset) {
    return new Criterion(metric, method, Op.GREATER_EQUAL, baseline, offset);
  }

  /** {@code mean(method) <= value}. */
  public static Criterion atMost(String metric, String method, double value) {
    return new Criterion(metric, method, Op.LESS_EQUAL, null, value);
  }

  /** mean(method) >= value. */
  public static Criterion atLeast(String metric, String method, double value) {
    return new Criterion(metric, method, Op.GREATER_EQUAL, null, value);
  }

  /** True when {@code value} (the method's mean) satisfies this against {@code baselineValue} (ignored without a baseline). */
  public boolean test(double value, double baselineValue) {
    return op.test(value, bound(baselineValue));
  }

  double bound(double baselineValue) { return baseline == null ? offset : baselineValue + offset; }

  /** {@code "test_nll(label_smoothing_ce) < test_nll(cross_entropy) - 0.01"}. */
  public String describe() {
    String lhs = metric + "(" + method + ") " + op.symbol + " ";
    if (baseline == null) return lhs + fmt(offset);
    String rhs = metric + "(" + baseline + ")";
    if (offset > 0) rhs += " + " + fmt(offset);
    else if (offset < 0) rhs += " - " + fmt(-offset);
    return lhs + rhs;
  }

  static String fmt(double v) { return String.format(Locale.ROOT, "%.4g", v).replaceFirst("\\.?0+(e|$)", "$1"); }
}
