package io.jgrad.nn;

import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * Weight conditioning by diagonal equilibration: the layer computes with {@code E W} where
 * {@code E = diag(1 / ||W_i||_2)} scales every row (output filter) of the [out, in*kh*kw] matrix
 * view to unit norm ({@code mode="row"}), or with {@code W F}, F scaling the columns ("column"),
 * or both in turn ("row_column"). Equilibration narrows the gap between the smallest and largest
 * singular values; by Van der Sluis' theorem row equilibration is near-optimal among diagonal
 * preconditioners for the condition number. Paper 57, "Weight Conditioning for Smooth Optimization
 * of Neural Networks" (Saratchandran, Wang, Lucey, ECCV 2024).
 *
 * <p>Status of the formula [secondary]: the paper's text could not be read here; the
 * equilibration form is taken from public summaries and re-implementations that cite the paper
 * (row, column and row-column forms, the row form primary). The mode is a parameter for that
 * reason. Norms are floored at {@code eps} (1e-12). A {@link Parametrization}: register it on a
 * layer's weight with {@link Parametrize#register}. Shape: weight of rank >= 2, unchanged.
 */
public final class WeightConditioning extends Parametrization {
  public static final String ID = "weight_conditioning";
  public static final List<String> MODES = List.of("row", "column", "row_column");
  private final String mode;
  private final double eps;

  public WeightConditioning(String mode, double eps) {
    if (!MODES.contains(mode)) throw new IllegalArgumentException(ID + ": mode must be one of " + MODES + ", got '" + mode + "'");
    if (!(eps > 0)) throw new IllegalArgumentException(ID + ": eps must be > 0, got " + eps);
    this.mode = mode;
    this.eps = eps;
  }

  /** The equilibrated weight. Shape: [out, ...] -> the same shape. */
  public static Tensor condition(Tensor w, String mode, double eps) {
    if (w.dim() < 2) throw new IllegalArgumentException(ID + ": needs a weight of rank >= 2, got " + java.util.Arrays.toString(w.shape()));
    Tensor m = w.dim() == 2 ? w : w.reshape(w.size(0), -1);
    if (!mode.equals("column")) m = m.div(m.norm(2, new int[] {1}, true).clampMin(eps));
    if (!mode.equals("row")) m = m.div(m.norm(2, new int[] {0}, true).clampMin(eps));
    return m.reshape(w.shape());
  }

  @Override
  public Tensor forward(Tensor w) { return condition(w, mode, eps); }

  public String mode() { return mode; }

  @Override
  protected String extraRepr() { return "mode=" + mode; }
}
