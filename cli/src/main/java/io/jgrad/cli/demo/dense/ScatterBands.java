package io.jgrad.cli.demo.dense;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

/** A PNG of 1-D data points and curves over x (prediction bands, fitted functions). */
final class ScatterBands {
  static {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
  }

  private ScatterBands() {}

  static final int W = 720, H = 470, PAD = 50, LEGEND = 60;

  /** Points (x, y) in grey and each named curve (values at the sorted {@code grid}) in colour. */
  static void write(String title, double[] x, double[] y, double[] grid, Map<String, double[]> curves, Path png) {
    double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      x0 = Math.min(x0, x[i]);
      x1 = Math.max(x1, x[i]);
      y0 = Math.min(y0, y[i]);
      y1 = Math.max(y1, y[i]);
    }
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    double fx0 = x0, fx1 = x1, fy0 = y0, fy1 = y1;
    java.util.function.DoubleUnaryOperator px = v -> PAD + (v - fx0) / (fx1 - fx0) * (W - 2 * PAD);
    java.util.function.DoubleUnaryOperator py = v -> H - LEGEND - PAD - (v - fy0) / (fy1 - fy0) * (H - LEGEND - 2 * PAD);
    g.setColor(Color.DARK_GRAY);
    g.drawRect(PAD, PAD, W - 2 * PAD, H - LEGEND - 2 * PAD);
    g.drawString(title, PAD, PAD - 14);
    g.drawString(String.format(java.util.Locale.ROOT, "x: %.2f .. %.2f   y: %.2f .. %.2f", x0, x1, y0, y1), PAD, H - LEGEND - PAD + 20);
    g.setColor(new Color(0xbbbbbb));
    for (int i = 0; i < x.length; i++) g.fillOval((int) px.applyAsDouble(x[i]) - 1, (int) py.applyAsDouble(y[i]) - 1, 3, 3);
    Color[] palette = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b)};
    int c = 0;
    for (Map.Entry<String, double[]> e : curves.entrySet()) {
      g.setColor(palette[c % palette.length]);
      g.setStroke(new BasicStroke(2f));
      double[] v = e.getValue();
      for (int i = 1; i < grid.length; i++) {
        g.drawLine((int) px.applyAsDouble(grid[i - 1]), (int) py.applyAsDouble(clamp(v[i - 1], fy0, fy1)),
            (int) px.applyAsDouble(grid[i]), (int) py.applyAsDouble(clamp(v[i], fy0, fy1)));
      }
      g.drawString(e.getKey(), PAD + (c % 3) * 210, H - LEGEND - PAD + 40 + 15 * (c / 3));
      c++;
    }
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      ImageIO.write(img, "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double clamp(double v, double lo, double hi) { return Math.max(lo, Math.min(hi, v)); }
}
