package io.jgrad.losses.reg;

/**
 * Argument checks of the regularizers and procedures, whose messages name the component, the
 * parameter and the value: {@code sam: rho must be finite and >= 0, got -1.0}.
 */
public final class Checks {
  private Checks() {}

  /** {@code v}, when it is finite and >= 0. */
  public static double nonNegative(String id, String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(id + ": " + name + " must be finite and >= 0, got " + v);
    return v;
  }

  /** {@code v}, when it is finite and > 0. */
  public static double positive(String id, String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(id + ": " + name + " must be finite and > 0, got " + v);
    return v;
  }

  /** {@code v}, when it is >= {@code min}. */
  public static int atLeast(String id, String name, int v, int min) {
    if (v < min) throw new IllegalArgumentException(id + ": " + name + " must be >= " + min + ", got " + v);
    return v;
  }

  /** {@code v}, when it is in [0, 1]. */
  public static double unit(String id, String name, double v) {
    if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(id + ": " + name + " must be in [0, 1], got " + v);
    return v;
  }
}
