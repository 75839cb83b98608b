package io.jgrad.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code --val-split FRACTION}: the part of the training data held out to validate each epoch
 * and choose the best checkpoint (the test set is only used at the end). Seeded by
 * {@code --seed}; for classification stratified: each class gives the same fraction of its
 * examples (largest remainders decide the rounding, so the total is round(fraction * N), and a
 * class always keeps at least one training example).
 *
 * @param train indices of the examples trained on, ascending
 * @param val indices of the validation examples, ascending (empty for fraction 0)
 */
record ValSplit(long[] train, long[] val) {
  /** Stratified by {@code y} (class indices 0..classes-1); {@code y} null: a plain random split. A fraction that holds out none is an error. */
  static ValSplit of(long[] y, int n, int classes, double fraction, long seed) { return of(y, n, classes, fraction, seed, true); }

  /**
   * As {@link #of(long[], int, int, double, long)}; with {@code strict} false (the default fraction, not one the user
   * gave) a fraction that holds out none on a tiny training set gives no validation split instead of an error.
   */
  static ValSplit of(long[] y, int n, int classes, double fraction, long seed, boolean strict) {
    if (!(fraction >= 0 && fraction < 1)) throw new IllegalArgumentException("--val-split must be in [0, 1), got " + fraction);
    if (fraction == 0) {
      long[] all = new long[n];
      for (int i = 0; i < n; i++) all[i] = i;
      return new ValSplit(all, new long[0]);
    }
    List<List<Integer>> groups = new ArrayList<>();
    int k = y == null ? 1 : classes;
    for (int c = 0; c < k; c++) groups.add(new ArrayList<>());
    for (int i = 0; i < n; i++) groups.get(y == null ? 0 : (int) y[i]).add(i);
    SplittableRandom rnd = new SplittableRandom(seed);
    int total = (int) Math.round(fraction * n);
    int[] take = new int[k];
    double[] rem = new double[k];
    int taken = 0;
    for (int c = 0; c < k; c++) {
      double q = fraction * groups.get(c).size();
      take[c] = Math.min((int) Math.floor(q), Math.max(0, groups.get(c).size() - 1));
      rem[c] = q - Math.floor(q);
      taken += take[c];
    }
    Integer[] order = new Integer[k];
    for (int c = 0; c < k; c++) order[c] = c;
    Arrays.sort(order, (a, b) -> Double.compare(rem[b], rem[a]));
    for (int i = 0; taken < total && i < k; i++) {
      int c = order[i];
      if (take[c] < groups.get(c).size() - 1) {
        take[c]++;
        taken++;
      }
    }
    if (taken == 0 && !strict) return of(y, n, classes, 0, seed, true);
    if (taken == 0) {
      throw new IllegalArgumentException("--val-split " + fraction + " of " + n + " training examples holds out none; pass a larger fraction, "
          + "or --val-split 0 to train without validation");
    }
    boolean[] isVal = new boolean[n];
    for (int c = 0; c < k; c++) {
      List<Integer> g = groups.get(c);
      for (int i = g.size() - 1; i > 0; i--) java.util.Collections.swap(g, i, rnd.nextInt(i + 1));
      for (int i = 0; i < take[c]; i++) isVal[g.get(i)] = true;
    }
    long[] tr = new long[n - taken], va = new long[taken];
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      if (isVal[i]) va[b++] = i;
      else tr[a++] = i;
    }
    return new ValSplit(tr, va);
  }
}
