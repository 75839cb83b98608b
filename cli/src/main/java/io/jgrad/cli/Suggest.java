package io.jgrad.cli;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean": the known word closest to a mistyped one, by optimal string alignment distance
 * (Levenshtein with adjacent transpositions, so {@code --epcohs} finds {@code --epochs}), or a
 * known word the typed one is a prefix of ({@code --epoch} finds {@code --epochs}).
 */
final class Suggest {
  private Suggest() {}

  /** The closest of {@code known} to {@code typed} within about a third of its length (at least 2 edits), or null. */
  static String closest(String typed, Collection<String> known) {
    String t = typed.toLowerCase(Locale.ROOT);
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String k : known) {
      int d = k.startsWith(t) && t.length() >= 3 ? 1 : distance(t, k);
      if (d < bestD || d == bestD && best != null && k.compareTo(best) < 0) {
        best = k;
        bestD = d;
      }
    }
    int limit = Math.max(2, t.length() / 3);
    return bestD <= limit ? best : null;
  }

  /** {@code "; did you mean PREFIX+word?"} for the closest known word, or "" when none is close. */
  static String hint(String typed, Collection<String> known, String prefix) {
    String c = closest(typed, known);
    return c == null ? "" : "; did you mean " + prefix + c + "?";
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions cost 1. */
  static int distance(String a, String b) {
    int n = a.length(), m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) d[i][0] = i;
    for (int j = 0; j <= m; j++) d[0][j] = j;
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[n][m];
  }
}
