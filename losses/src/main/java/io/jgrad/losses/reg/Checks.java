package io.jgrad.losses.reg;

/** Argument checks whose messages name the component, the parameter and the value. */
final class Checks {
  private Checks() {}

  static double nonNegative(String id, String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(id + ": " + name + " must be finite and >= 0, got " + v);
    return v;
  }

  static double positive(String id, String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(id + ": " + name + " must be finite and > 0, got " + v);
    return v;
  }

  static int atLeast(String id, String name, int v, int min) {
    if (v < min) throw new IllegalArgumentException(id + ": " + name + " must be >= " + min + ", got " + v);
    return v;
  }

  static double unit(String id, String name, double v) {
    if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(id + ": " + name + " must be in [0, 1], got " + v);
    return v;
  }
}
