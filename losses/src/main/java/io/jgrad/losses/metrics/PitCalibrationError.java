package io.jgrad.losses.metrics;

import io.jgrad.losses.Calibration;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Metric;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Probabilistic calibration error (PCE) of a regressor from its PIT values, accumulated over
 * batches. Paper 77 ("A Large-Scale Study of Probabilistic Calibration in Neural Network
 * Regression"): "pce" is the quantile-based {@code mean_i |sort(PIT)_i − i/(n+1)|} (L = 1, the
 * metric the paper reports) and "pce_l2" its L = 2 form; "pce_cdf" and "pce_cdf_l2" are
 * {@code mean_j |p_j − α_j|^L} with {@code p_j} the fraction of PIT ≤ α_j at J centred levels
 * (see {@link Calibration}).
 *
 * <p>The PIT comes from the model output: "normal" reads [N, 2] (mean, raw scale with
 * σ = softplus(raw) + 1e-6) as {@link Calibration#pitNormal}; "pit" reads the output [N] as PIT
 * values already. "quantiles" reads [N, K] predictions at levels {@code taus}: a quantile head
 * has no PIT, so it reports only the CDF-based errors over its own levels
 * ({@code p_k = fraction of y ≤ q_k}) and per-level coverages "coverage_τ".
 */
public final class PitCalibrationError implements Metric {
  private final String dist;
  private final int levels;
  private final double[] taus;
  private double[] pit = new double[64];
  private int n;
  private double[] below;
  private long rows;

  public PitCalibrationError(String dist, int levels, double[] taus) {
    String op = "pit_calibration_error";
    if (!dist.equals("normal") && !dist.equals("pit") && !dist.equals("quantiles")) {
      throw new IllegalArgumentException(op + ": dist must be normal, pit or quantiles, got '" + dist + "'");
    }
    if (levels < 1) throw new IllegalArgumentException(op + ": levels must be >= 1, got " + levels);
    if (dist.equals("quantiles") && (taus == null || taus.length == 0)) {
      throw new IllegalArgumentException(op + ": dist=quantiles needs the quantile levels taus");
    }
    this.dist = dist;
    this.levels = levels;
    this.taus = taus == null ? new double[0] : taus.clone();
    this.below = new double[this.taus.length];
  }

  @Override
  public void update(Tensor output, Batch batch) {
    Tensor y = batch.y();
    if (y == null) throw new IllegalArgumentException("pit_calibration_error: the batch has no targets");
    if (dist.equals("quantiles")) {
      Tensor q = output.detach();
      if (q.dim() != 2 || q.size(1) != taus.length) {
        throw new IllegalArgumentException("pit_calibration_error: quantile output must be [N, " + taus.length + "], got "
            + Arrays.toString(q.shape()));
      }
      Tensor t = (y.dim() == 2 ? y.squeeze(1) : y).to(q.dtype()).unsqueeze(1);
      double[] le = t.le(q).to(DType.FLOAT64).sum(new int[] {0}, false).toDoubleArray();
      for (int k = 0; k < le.length; k++) below[k] += le[k];
      rows += q.size(0);
      return;
    }
    Tensor p = dist.equals("normal") ? Calibration.pitNormal(output.detach(), y, 1e-6) : output.detach().flatten();
    double[] v = p.to(DType.FLOAT64).toDoubleArray();
    while (n + v.length > pit.length) pit = Arrays.copyOf(pit, pit.length * 2);
    System.arraycopy(v, 0, pit, n, v.length);
    n += v.length;
  }

  @Override
  public Map<String, Double> compute() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (dist.equals("quantiles")) {
      double e1 = 0, e2 = 0;
      for (int k = 0; k < taus.length; k++) {
        double d = Math.abs(below[k] / rows - taus[k]);
        e1 += d;
        e2 += d * d;
        m.put("coverage_" + taus[k], below[k] / rows);
      }
      m.put("pce_cdf", e1 / taus.length);
      m.put("pce_cdf_l2", e2 / taus.length);
      return m;
    }
    Tensor p = Tensor.of(Arrays.copyOf(pit, n));
    double[] a = Calibration.centeredLevels(levels);
    m.put("pce", Calibration.quantileCalibration(p, 1).item());
    m.put("pce_l2", Calibration.quantileCalibration(p, 2).item());
    m.put("pce_cdf", Calibration.cdfCalibration(p, 1, a, Double.NaN).item());
    m.put("pce_cdf_l2", Calibration.cdfCalibration(p, 2, a, Double.NaN).item());
    return m;
  }

  @Override
  public void reset() {
    n = 0;
    rows = 0;
    Arrays.fill(below, 0);
  }
}
