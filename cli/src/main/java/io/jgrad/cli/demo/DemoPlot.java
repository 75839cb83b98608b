package io.jgrad.cli.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Headless PNG plots for demos: {@link #lines} (one panel per curve name, one line per method,
 * e.g. the mean test loss per epoch over seeds) and {@link #bars} (one panel per metric, one bar
 * per method with a ±sd whisker). Drawn with java.awt on an offscreen image, so no display is
 * needed.
 */
public final class DemoPlot {
  static {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
  }

  static final int PANEL_W = 420, PANEL_H = 300, PAD_L = 64, PAD_R = 16, PAD_T = 30, PAD_B = 60;
  static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

  private DemoPlot() {}

  /**
   * Line panels: {@code panels} maps a panel title to curves by method; x is the index (1-based),
   * labelled "epoch" unless the title ends with {@code " [x: label]"}.
   */
  public static void lines(Map<String, Map<String, double[]>> panels, Path png) throws IOException {
    if (panels.isEmpty()) throw new IllegalArgumentException("DemoPlot.lines: no curves to draw");
    Graphics2D[] g = new Graphics2D[1];
    BufferedImage img = canvas(panels.size(), g);
    int k = 0;
    for (Map.Entry<String, Map<String, double[]>> p : panels.entrySet()) {
      double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
      int n = 0;
      for (double[] v : p.getValue().values()) {
        n = Math.max(n, v.length);
        for (double d : v) if (Double.isFinite(d)) {
          lo = Math.min(lo, d);
          hi = Math.max(hi, d);
        }
      }
      // a panel titled "title [x: label]" names its x axis (default: epoch)
      String title = p.getKey(), xLabel = "epoch";
      int bracket = title.lastIndexOf(" [x: ");
      if (bracket >= 0 && title.endsWith("]")) {
        xLabel = title.substring(bracket + 5, title.length() - 1);
        title = title.substring(0, bracket);
      }
      Frame f = frame(g[0], k++, title, lo, hi, 1, Math.max(2, n), xLabel);
      int c = 0;
      for (Map.Entry<String, double[]> e : p.getValue().entrySet()) {
        g[0].setColor(PALETTE[c % PALETTE.length]);
        g[0].setStroke(new BasicStroke(2f));
        double[] v = e.getValue();
        for (int i = 1; i < v.length; i++) {
          if (Double.isFinite(v[i - 1]) && Double.isFinite(v[i])) {
            g[0].drawLine(f.x(i), f.y(v[i - 1]), f.x(i + 1), f.y(v[i]));
          }
        }
        if (v.length == 1 && Double.isFinite(v[0])) g[0].fillOval(f.x(1) - 3, f.y(v[0]) - 3, 6, 6);
        legend(g[0], f, c++, e.getKey());
      }
    }
    write(img, png);
  }

  /** Bar panels: one per metric; {@code stats} maps method to its metrics' mean ± sd. */
  public static void bars(List<String> metrics, Map<String, Map<String, Stat>> stats, Path png) throws IOException {
    if (metrics.isEmpty()) throw new IllegalArgumentException("DemoPlot.bars: no metrics to draw");
    Graphics2D[] g = new Graphics2D[1];
    BufferedImage img = canvas(metrics.size(), g);
    int k = 0;
    List<String> methods = new ArrayList<>(stats.keySet());
    for (String metric : metrics) {
      double lo = 0, hi = 0;
      for (Map<String, Stat> m : stats.values()) {
        Stat s = m.get(metric);
        if (s == null || !Double.isFinite(s.mean())) continue;
        double sd = Double.isFinite(s.sd()) ? s.sd() : 0;
        lo = Math.min(lo, s.mean() - sd);
        hi = Math.max(hi, s.mean() + sd);
      }
      Frame f = frame(g[0], k++, metric, lo, hi, 0, methods.size(), null);
      for (int i = 0; i < methods.size(); i++) {
        Stat s = stats.get(methods.get(i)).get(metric);
        if (s == null || !Double.isFinite(s.mean())) continue;
        int x0 = f.left + (int) ((i + 0.2) * f.w / methods.size()), bw = (int) (0.6 * f.w / methods.size());
        int y0 = f.y(0), y1 = f.y(s.mean());
        g[0].setColor(PALETTE[i % PALETTE.length]);
        g[0].fillRect(x0, Math.min(y0, y1), bw, Math.max(1, Math.abs(y1 - y0)));
        if (Double.isFinite(s.sd()) && s.sd() > 0) {
          g[0].setColor(Color.DARK_GRAY);
          int xm = x0 + bw / 2;
          g[0].drawLine(xm, f.y(s.mean() - s.sd()), xm, f.y(s.mean() + s.sd()));
        }
        g[0].setColor(Color.DARK_GRAY);
        g[0].drawString(shorten(methods.get(i), 14), x0, f.top + f.h + 16 + 12 * (i % 2));
      }
    }
    write(img, png);
  }

  private record Frame(int left, int top, int w, int h, double lo, double hi, double x0, double x1) {
    int x(double v) { return left + (int) Math.round((v - x0) / (x1 - x0) * w); }

    int y(double v) { return top + h - (int) Math.round((v - lo) / (hi - lo) * h); }
  }

  private static BufferedImage canvas(int panels, Graphics2D[] g) {
    int cols = Math.min(panels, 3), rows = (panels + cols - 1) / cols;
    BufferedImage img = new BufferedImage(cols * PANEL_W, rows * PANEL_H, BufferedImage.TYPE_INT_RGB);
    g[0] = img.createGraphics();
    g[0].setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g[0].setColor(Color.WHITE);
    g[0].fillRect(0, 0, img.getWidth(), img.getHeight());
    g[0].setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    return img;
  }

  private static Frame frame(Graphics2D g, int k, String title, double lo, double hi, double x0, double x1, String xLabel) {
    if (!(hi > lo)) {
      double c = Double.isFinite(lo) ? lo : 0;
      lo = c - 0.5;
      hi = c + 0.5;
    }
    double pad = (hi - lo) * 0.05;
    if (lo != 0) lo -= pad; // bars start at 0: no padding below it
    hi += pad;
    int cols = 3, ox = (k % cols) * PANEL_W, oy = (k / cols) * PANEL_H;
    Frame f = new Frame(ox + PAD_L, oy + PAD_T, PANEL_W - PAD_L - PAD_R, PANEL_H - PAD_T - PAD_B, lo, hi, x0, x1);
    g.setStroke(new BasicStroke(1f));
    g.setColor(new Color(0xdddddd));
    for (int i = 0; i <= 4; i++) g.drawLine(f.left, f.top + i * f.h / 4, f.left + f.w, f.top + i * f.h / 4);
    g.setColor(Color.DARK_GRAY);
    g.drawRect(f.left, f.top, f.w, f.h);
    for (int i = 0; i <= 4; i++) {
      double v = hi - i * (hi - lo) / 4;
      String s = Stat.num(v);
      g.drawString(s, f.left - 6 - g.getFontMetrics().stringWidth(s), f.top + i * f.h / 4 + 4);
    }
    if (xLabel != null) {
      g.drawString(Stat.num(x0), f.left, f.top + f.h + 14);
      String end = Stat.num(x1);
      g.drawString(end, f.left + f.w - g.getFontMetrics().stringWidth(end), f.top + f.h + 14);
      g.drawString(xLabel, f.left + f.w / 2 - 15, f.top + f.h + 14);
    }
    g.setFont(g.getFont().deriveFont(Font.BOLD, 12f));
    g.drawString(title, f.left, f.top - 10);
    g.setFont(g.getFont().deriveFont(Font.PLAIN, 11f));
    return f;
  }

  private static void legend(Graphics2D g, Frame f, int i, String name) {
    int y = f.top + f.h + 30 + 12 * (i / 2), x = f.left + (i % 2) * (f.w / 2);
    g.fillRect(x, y - 8, 10, 3);
    g.setColor(Color.DARK_GRAY);
    g.drawString(shorten(name, 28), x + 14, y - 3);
  }

  static String shorten(String s, int n) { return s.length() <= n ? s : s.substring(0, n - 1) + "…"; }

  private static void write(BufferedImage img, Path png) throws IOException {
    Path dir = png.toAbsolutePath().getParent();
    if (dir != null) Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".plot", ".png");
    if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException("no PNG writer in this JDK");
    Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
