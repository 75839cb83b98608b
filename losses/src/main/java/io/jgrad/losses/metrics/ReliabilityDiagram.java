package io.jgrad.losses.metrics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Reliability diagrams as a PNG (headless java.awt): one panel per model, side by side. Each
 * panel shows the accuracy of every non-empty confidence bin as a bar, the gap to the bin's mean
 * confidence in red, the diagonal of perfect calibration, and the ECE in the title.
 */
public final class ReliabilityDiagram {
  /** One panel: a title (the model) and its bins. */
  public record Panel(String title, ReliabilityBins bins) {
    public Panel {
      if (title == null || bins == null) throw new IllegalArgumentException("ReliabilityDiagram.Panel: title and bins are required");
    }
  }

  private static final int SIZE = 320;
  private static final int MARGIN = 48;
  private static final Color BAR = new Color(0x3B75AF);
  private static final Color GAP = new Color(200, 37, 6, 110);
  private static final Color AXIS = new Color(0x333333);

  private ReliabilityDiagram() {}

  /** Writes the panels to {@code png} (its directory is created; the file is replaced atomically). */
  public static void write(Path png, List<Panel> panels) {
    if (panels == null || panels.isEmpty()) throw new IllegalArgumentException("ReliabilityDiagram: no panels");
    System.setProperty("java.awt.headless", "true");
    int w = panels.size() * (SIZE + 2 * MARGIN);
    int h = SIZE + 2 * MARGIN;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      boolean[] text = {true};
      for (int i = 0; i < panels.size(); i++) draw(g, panels.get(i), i * (SIZE + 2 * MARGIN) + MARGIN, MARGIN, text);
    } finally {
      g.dispose();
    }
    try {
      Path dir = png.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = dir.resolve("." + png.getFileName() + ".tmp");
      if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException("no PNG writer in this JDK");
      Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("ReliabilityDiagram: cannot write " + png + ": " + e.getMessage(), e);
    }
  }

  private static void draw(Graphics2D g, Panel p, double x0, double y0, boolean[] text) {
    ReliabilityBins b = p.bins();
    int m = b.nBins();
    double bw = (double) SIZE / m;
    for (int k = 0; k < m; k++) {
      if (b.count(k) == 0) continue;
      double acc = b.accuracy(k);
      double conf = b.confidence(k);
      double x = x0 + k * bw;
      g.setColor(BAR);
      g.fill(new Rectangle2D.Double(x + 1, y0 + SIZE * (1 - acc), bw - 2, SIZE * acc));
      g.setColor(GAP);
      double top = Math.max(acc, conf);
      g.fill(new Rectangle2D.Double(x + 1, y0 + SIZE * (1 - top), bw - 2, SIZE * Math.abs(conf - acc)));
    }
    g.setColor(AXIS);
    g.setStroke(new BasicStroke(1f));
    g.draw(new Rectangle2D.Double(x0, y0, SIZE, SIZE));
    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
    g.draw(new Line2D.Double(x0, y0 + SIZE, x0 + SIZE, y0));
    String title = String.format(Locale.ROOT, "%s  ECE=%.4f  acc=%.4f", p.title(), b.ece(), b.accuracy());
    text(g, title, x0, y0 - 12, true, text);
    text(g, "confidence", x0 + SIZE / 2.0 - 30, y0 + SIZE + 30, false, text);
    text(g, "0", x0 - 4, y0 + SIZE + 14, false, text);
    text(g, "1", x0 + SIZE - 4, y0 + SIZE + 14, false, text);
    text(g, "accuracy", x0 - 44, y0 + SIZE / 2.0, false, text);
  }

  private static void text(Graphics2D g, String s, double x, double y, boolean bold, boolean[] works) {
    if (!works[0]) return;
    try {
      g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 12));
      g.setColor(AXIS);
      g.drawString(s, (float) x, (float) y);
    } catch (RuntimeException | LinkageError e) {
      // a JDK without usable fonts fails here; the bars are still worth writing
      works[0] = false;
    }
  }
}
