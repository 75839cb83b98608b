package io.jgrad.losses.metrics;

import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Metric;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.ValuesIndices;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Expected calibration error, catalog id {@code expected_calibration_error}. Paper 36 ("An
 * Empirical Evaluation on Robustness and Uncertainty of Regularization Methods"); the metric of
 * Guo et al. 2017 ("On Calibration of Modern Neural Networks"), checked against the ACLS
 * repository's {@code calibrate/evaluation/metrics.py} ({@code ECELoss}).
 *
 * <p>{@code conf_i = max_k p_ik}, {@code correct_i = [argmax_k p_ik = y_i]} (argmax takes the
 * first maximal class, as torch); with M equal-width bins,
 * {@code ECE = sum_m (|B_m| / n) |mean_{B_m} correct - mean_{B_m} conf|}. Also reported: the
 * maximum calibration error {@code MCE = max_m |acc(B_m) - conf(B_m)|}, the accuracy and the
 * mean confidence.
 *
 * <p>Bin convention (pinned by a test): bin m (0-based) holds {@code m/M < conf <= (m+1)/M},
 * the edges being {@code m / M} computed in double; bin 0 also holds {@code conf = 0}. This is
 * ACLS's {@code (lower, upper]} rule; ACLS compares against float32 {@code torch.linspace}
 * edges, so a confidence within a float32 rounding of an edge (such as exactly 0.6 with 15 bins)
 * can land in the neighbouring bin there. Confidences are compared in double (float32 outputs are
 * widened exactly).
 *
 * <p>Inputs: {@code output} [N, C] logits (softmax is applied; {@code fromLogits = false} takes
 * rows of probabilities as they are) and {@code target} [N] int64 classes. Default 15 bins.
 * Accumulates over batches on the host (two numbers per sample are downloaded per batch).
 */
public final class ExpectedCalibrationError implements Metric {
  /** The catalog default. */
  public static final int DEFAULT_BINS = 15;
  private static final String ID = "expected_calibration_error";

  private final int nBins;
  private final boolean fromLogits;
  private final long[] counts;
  private final double[] confSums;
  private final double[] correctSums;

  /** 15 bins, logits in. */
  public ExpectedCalibrationError() { this(DEFAULT_BINS, true); }

  public ExpectedCalibrationError(int nBins, boolean fromLogits) {
    checkBins(nBins);
    this.nBins = nBins;
    this.fromLogits = fromLogits;
    counts = new long[nBins];
    confSums = new double[nBins];
    correctSums = new double[nBins];
  }

  public int nBins() { return nBins; }

  @Override
  public void update(Tensor output, Batch batch) { update(output, batch.y()); }

  /** Adds a batch: {@code output} [N, C], {@code target} [N] int64. */
  public void update(Tensor output, Tensor target) {
    double[][] cc = confidenceAndCorrect(output, target, fromLogits);
    for (int i = 0; i < cc[0].length; i++) {
      int b = bin(cc[0][i], nBins);
      counts[b]++;
      confSums[b] += cc[0][i];
      correctSums[b] += cc[1][i];
    }
  }

  /** {"ece", "mce", "accuracy", "confidence"} over every batch since the last reset. */
  @Override
  public Map<String, Double> compute() {
    ReliabilityBins b = bins();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("ece", b.ece());
    m.put("mce", b.mce());
    m.put("accuracy", b.accuracy());
    m.put("confidence", b.confidence());
    return m;
  }

  /** The reliability-diagram data accumulated so far. */
  public ReliabilityBins bins() { return new ReliabilityBins(counts, confSums, correctSums); }

  @Override
  public void reset() {
    Arrays.fill(counts, 0);
    Arrays.fill(confSums, 0);
    Arrays.fill(correctSums, 0);
  }

  /** ECE of logits {@code output} [N, C] against {@code target} [N] with {@code nBins} bins. */
  public static double ece(Tensor output, Tensor target, int nBins) { return reliability(output, target, nBins, true).ece(); }

  /** The reliability-diagram data of one set of outputs. */
  public static ReliabilityBins reliability(Tensor output, Tensor target, int nBins, boolean fromLogits) {
    ExpectedCalibrationError m = new ExpectedCalibrationError(nBins, fromLogits);
    m.update(output, target);
    return m.bins();
  }

  /**
   * The bin (0-based) of confidence {@code conf}: m with {@code m/M < conf <= (m+1)/M}, 0 for
   * {@code conf <= 0}, M-1 for {@code conf > 1}.
   */
  public static int bin(double conf, int nBins) {
    checkBins(nBins);
    if (!(conf > 0)) {
      if (Double.isNaN(conf)) throw new IllegalArgumentException(ID + ": confidence is NaN");
      return 0;
    }
    int b = (int) Math.min(nBins - 1, Math.max(0, Math.ceil(conf * nBins) - 1));
    // conf * M rounds; settle against the exact edges m / M
    while (b > 0 && conf <= (double) b / nBins) b--;
    while (b < nBins - 1 && conf > (double) (b + 1) / nBins) b++;
    return b;
  }

  private static void checkBins(int nBins) {
    if (nBins < 1) throw new IllegalArgumentException(ID + ": n_bins must be >= 1, got " + nBins);
  }

  /** {confidences, 1/0 correct} of one batch, computed on the output's device. */
  static double[][] confidenceAndCorrect(Tensor output, Tensor target, boolean fromLogits) {
    if (output == null || target == null) throw new IllegalArgumentException(ID + ": output and target must not be null");
    if (!output.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(ID + ": output must be floating point, got " + output.dtype());
    }
    if (output.dim() != 2) {
      throw new IllegalArgumentException(ID + ": output must be [N, C], got " + Arrays.toString(output.shape()));
    }
    if (target.dim() != 1 || target.size(0) != output.size(0)) {
      throw new IllegalArgumentException(ID + ": target must be [N] = [" + output.size(0) + "], got "
          + Arrays.toString(target.shape()));
    }
    if (target.dtype() != DType.INT64 && target.dtype() != DType.INT32) {
      throw new IllegalArgumentException(ID + ": target must be int64 class indices, got " + target.dtype());
    }
    if (output.size(0) == 0) return new double[2][0];
    try (GradMode.Scope off = GradMode.disabled()) {
      Tensor p = fromLogits ? output.softmax(1) : output;
      ValuesIndices mv = p.maxWithIndices(1, false);
      Tensor correct = mv.indices().eq(target.to(DType.INT64));
      return new double[][] {mv.values().toDoubleArray(), correct.toDoubleArray()};
    }
  }
}
