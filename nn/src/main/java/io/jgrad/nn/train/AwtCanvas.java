package io.jgrad.nn.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/** A {@link PlotCanvas} drawing on a white ARGB-free RGB {@link BufferedImage} (headless). */
final class AwtCanvas implements PlotCanvas {
  private final BufferedImage image;
  private final Graphics2D g;
  private boolean textWorks = true;

  AwtCanvas(int width, int height) {
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
  }

  BufferedImage finish() {
    g.dispose();
    return image;
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, Color c, double width) {
    g.setColor(c);
    g.setStroke(new BasicStroke((float) width));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void polyline(double[] xs, double[] ys, Color c, double width) {
    if (xs.length == 0) return;
    Path2D.Double p = new Path2D.Double();
    p.moveTo(xs[0], ys[0]);
    for (int i = 1; i < xs.length; i++) p.lineTo(xs[i], ys[i]);
    g.setColor(c);
    g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(p);
  }

  @Override
  public void dot(double x, double y, double r, Color c) {
    g.setColor(c);
    g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
  }

  @Override
  public void text(double x, double y, String s, int anchor, Color c, boolean bold) {
    if (!textWorks) return;
    try {
      g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 12));
      double w = g.getFontMetrics().stringWidth(s);
      double x0 = anchor == LEFT ? x : anchor == CENTER ? x - w / 2 : x - w;
      g.setColor(c);
      g.drawString(s, (float) x0, (float) y);
    } catch (RuntimeException | LinkageError e) {
      // A JDK without usable fonts (no fontconfig) fails here; the curves are still worth writing.
      textWorks = false;
    }
  }
}
