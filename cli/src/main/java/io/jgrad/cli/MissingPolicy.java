package io.jgrad.cli;

import java.util.Locale;
import java.util.Set;

/**
 * {@code --missing error|drop|mean}: what a CSV feature cell that holds no finite number does.
 * Missing cells are empty ones and the markers {@link #MARKERS} (any case); {@code inf} and
 * {@code -inf} are treated the same way. {@code error} (the default) refuses the file, naming the
 * line and column; {@code drop} leaves such rows out (of training, validation and test sets);
 * {@code mean} replaces each by its column's mean over the training split (saved with the
 * checkpoint, so {@code eval} and {@code predict} fill with the same values).
 */
enum MissingPolicy {
  ERROR, DROP, MEAN;

  /** Cells read as missing, besides empty ones (compared lower-cased). */
  static final Set<String> MARKERS = Set.of("nan", "-nan", "na", "n/a", "null", "none", "?");

  static MissingPolicy parse(String s) {
    for (MissingPolicy p : values()) if (p.label().equals(s.trim().toLowerCase(Locale.ROOT))) return p;
    throw new IllegalArgumentException("--missing must be one of error|drop|mean, got '" + s + "'");
  }

  String label() { return name().toLowerCase(Locale.ROOT); }

  /** Why {@code cell} (trimmed) is missing, or null when it is a finite number or not a number at all. */
  static String why(String cell, double parsed) {
    if (cell.isEmpty()) return "empty cell";
    if (MARKERS.contains(cell.toLowerCase(Locale.ROOT))) return "'" + cell + "' is a missing value";
    if (Double.isNaN(parsed) || Double.isInfinite(parsed)) return "'" + cell + "' is not a finite number";
    return null;
  }

  /** Parses a cell: its value, NaN for a missing one (see {@link #why}), or throws when it is not a number. */
  static double cellValue(String cell) {
    String c = cell.toLowerCase(Locale.ROOT);
    if (c.isEmpty() || MARKERS.contains(c)) return Double.NaN;
    switch (c) {
      case "inf", "+inf", "infinity", "+infinity" -> { return Double.POSITIVE_INFINITY; }
      case "-inf", "-infinity" -> { return Double.NEGATIVE_INFINITY; }
      default -> { return Double.parseDouble(cell); }
    }
  }
}
