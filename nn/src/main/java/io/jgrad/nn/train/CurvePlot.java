package io.jgrad.nn.train;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Training curves: a "loss" panel (train and validation loss per epoch), an "accuracy"
 * panel (train and validation accuracy) and a "learning rate" panel (group 0's rate during each
 * epoch, {@link EpochResult#learningRate}), side by side, as a PNG (java.awt on a headless
 * {@link BufferedImage}, written with ImageIO) and/or an SVG. The files are redrawn after
 * every epoch (so a killed run still has its curves up to the last epoch), each replaced
 * atomically. Missing (NaN) points break a curve.
 */
public final class CurvePlot implements Callback {
  static final int WIDTH = 1380;
  static final int HEIGHT = 400;
  private static final Color TRAIN = new Color(0x1f, 0x77, 0xb4);
  private static final Color VAL = new Color(0xff, 0x7f, 0x0e);
  private static final Color AXIS = new Color(0x33, 0x33, 0x33);
  private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

  static {
    // No display is needed, and none may exist (servers, CI): draw on an offscreen image only.
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
  }

  private final Path png;
  private final Path svg;
  private final List<EpochResult> results = new ArrayList<>();

  /** Either path may be null (that format is not written), not both. */
  public CurvePlot(Path pngPath, Path svgPath) {
    if (pngPath == null && svgPath == null) throw new IllegalArgumentException("CurvePlot: give a PNG path, an SVG path or both");
    this.png = pngPath;
    this.svg = svgPath;
  }

  @Override
  public void onTrainStart(TrainerState s) { results.clear(); }

  @Override
  public void onEpochEnd(TrainerState s, EpochResult r) {
    results.add(r);
    render(results, png, svg);
  }

  public Path pngPath() { return png; }

  public Path svgPath() { return svg; }

  /** Draws {@code epochs} to {@code pngPath} and/or {@code svgPath} (null: not written). */
  public static void render(List<EpochResult> epochs, Path pngPath, Path svgPath) {
    try {
      if (pngPath != null) {
        AwtCanvas c = new AwtCanvas(WIDTH, HEIGHT);
        draw(c, epochs);
        BufferedImage img = c.finish();
        Path tmp = temp(pngPath);
        if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException("no PNG writer in this JDK");
        Files.move(tmp, pngPath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      if (svgPath != null) {
        SvgCanvas c = new SvgCanvas(WIDTH, HEIGHT);
        draw(c, epochs);
        Path tmp = temp(svgPath);
        Files.writeString(tmp, c.finish(), StandardCharsets.UTF_8);
        Files.move(tmp, svgPath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("CurvePlot: cannot write the curves (" + pngPath + ", " + svgPath + "): " + e.getMessage(), e);
    }
  }

  private static Path temp(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    return dir.resolve("." + target.getFileName() + ".tmp");
  }

  static void draw(PlotCanvas c, List<EpochResult> epochs) {
    double third = WIDTH / 3.0;
    panel(c, epochs, 0, third, "loss", "train", true, r -> r.trainLoss(), r -> r.validation() == null ? Double.NaN : r.validation().loss());
    panel(c, epochs, third, third, "accuracy", "train", false, r -> r.trainAccuracy(), r -> r.validation() == null ? Double.NaN : r.validation().accuracy());
    panel(c, epochs, 2 * third, third, "learning rate", null, true, r -> r.learningRate(), r -> Double.NaN);
  }

  /** {@code trainLabel}: the train curve's legend, or null for a panel of one curve without a legend. */
  private static void panel(PlotCanvas c, List<EpochResult> epochs, double x0, double w, String title, String trainLabel, boolean lowerIsBetter,
                            ToDoubleFunction<EpochResult> train, ToDoubleFunction<EpochResult> val) {
    double left = x0 + 64;
    double right = x0 + w - 20;
    double top = 36;
    double bottom = HEIGHT - 44;
    int n = epochs.size();
    double[] ex = new double[n];
    double[] tr = new double[n];
    double[] va = new double[n];
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      ex[i] = epochs.get(i).epoch();
      tr[i] = train.applyAsDouble(epochs.get(i));
      va[i] = val.applyAsDouble(epochs.get(i));
      for (double v : new double[] {tr[i], va[i]}) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    } else if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
      double pad = Math.max(Math.abs(hi) * 0.1, 0.05);
      lo -= pad;
      hi += pad;
    } else {
      double pad = (hi - lo) * 0.05;
      lo -= pad;
      hi += pad;
    }
    double xlo = n == 0 ? 0 : ex[0];
    double xhi = n == 0 ? 1 : ex[n - 1];
    if (xhi - xlo < 1) {
      xlo -= 0.5;
      xhi += 0.5;
    }
    final double ylo = lo;
    final double yhi = hi;
    final double fxlo = xlo;
    final double fxhi = xhi;
    java.util.function.DoubleUnaryOperator px = e -> left + (e - fxlo) / (fxhi - fxlo) * (right - left);
    java.util.function.DoubleUnaryOperator py = v -> bottom - (v - ylo) / (yhi - ylo) * (bottom - top);

    double step = niceStep((hi - lo) / 5);
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
      double y = py.applyAsDouble(t);
      c.line(left, y, right, y, GRID, 1);
      // A tick at a rounding error's distance from 0 reads "0", not "-0.0".
      double label = Math.abs(t) < step * 1e-6 ? 0 : t;
      c.text(left - 6, y + 4, String.format(Locale.ROOT, "%." + decimals + "f", label), PlotCanvas.RIGHT, AXIS, false);
    }
    double xstep = Math.max(1, Math.round(niceStep((xhi - xlo) / 10)));
    for (double e = Math.ceil(xlo / xstep) * xstep; e <= xhi + 1e-9; e += xstep) {
      double x = px.applyAsDouble(e);
      c.line(x, bottom, x, bottom + 4, AXIS, 1);
      c.text(x, bottom + 18, Long.toString(Math.round(e)), PlotCanvas.CENTER, AXIS, false);
    }
    c.line(left, top, left, bottom, AXIS, 1);
    c.line(left, bottom, right, bottom, AXIS, 1);
    c.text((left + right) / 2, 22, title, PlotCanvas.CENTER, AXIS, true);
    c.text((left + right) / 2, HEIGHT - 10, "epoch", PlotCanvas.CENTER, AXIS, false);

    curve(c, ex, tr, px, py, TRAIN);
    curve(c, ex, va, px, py, VAL);
    // Loss falls and accuracy rises, so the legend goes where the curves usually are not.
    double ly = lowerIsBetter ? top + 8 : bottom - 30;
    if (trainLabel != null) legend(c, right - 110, ly, trainLabel, TRAIN);
    if (hasFinite(va)) legend(c, right - 110, ly + 18, "validation", VAL);
  }

  private static boolean hasFinite(double[] v) {
    for (double d : v) if (Double.isFinite(d)) return true;
    return false;
  }

  /** Draws the finite runs of (ex, v) as polylines, with a dot at each point when there are few. */
  private static void curve(PlotCanvas c, double[] ex, double[] v, java.util.function.DoubleUnaryOperator px,
                            java.util.function.DoubleUnaryOperator py, Color color) {
    int i = 0;
    while (i < v.length) {
      if (!Double.isFinite(v[i])) {
        i++;
        continue;
      }
      int j = i;
      while (j < v.length && Double.isFinite(v[j])) j++;
      double[] xs = new double[j - i];
      double[] ys = new double[j - i];
      for (int k = i; k < j; k++) {
        xs[k - i] = px.applyAsDouble(ex[k]);
        ys[k - i] = py.applyAsDouble(v[k]);
      }
      c.polyline(xs, ys, color, 2);
      if (v.length <= 30) for (int k = 0; k < xs.length; k++) c.dot(xs[k], ys[k], 3, color);
      i = j;
    }
  }

  private static void legend(PlotCanvas c, double x, double y, String label, Color color) {
    c.line(x, y - 4, x + 20, y - 4, color, 2);
    c.text(x + 26, y, label, PlotCanvas.LEFT, AXIS, false);
  }

  /** 1, 2 or 5 times a power of ten, near {@code raw}. */
  static double niceStep(double raw) {
    if (!(raw > 0) || !Double.isFinite(raw)) return 1;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double norm = raw / mag;
    return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  }
}
