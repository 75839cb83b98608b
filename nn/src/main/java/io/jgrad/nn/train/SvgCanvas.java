package io.jgrad.nn.train;

import java.awt.Color;
import java.util.Locale;

/** A {@link PlotCanvas} writing SVG 1.1 text. */
final class SvgCanvas implements PlotCanvas {
  private final StringBuilder b = new StringBuilder();

  SvgCanvas(int width, int height) {
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
    b.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height).append("\" fill=\"#ffffff\"/>\n");
  }

  String finish() { return b + "</svg>\n"; }

  private static String n(double v) { return String.format(Locale.ROOT, "%.2f", v); }

  private static String hex(Color c) { return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue()); }

  @Override
  public void line(double x1, double y1, double x2, double y2, Color c, double width) {
    b.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2)).append("\" y2=\"").append(n(y2))
        .append("\" stroke=\"").append(hex(c)).append("\" stroke-width=\"").append(n(width)).append("\"/>\n");
  }

  @Override
  public void polyline(double[] xs, double[] ys, Color c, double width) {
    if (xs.length == 0) return;
    b.append("<polyline fill=\"none\" stroke=\"").append(hex(c)).append("\" stroke-width=\"").append(n(width))
        .append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"");
    for (int i = 0; i < xs.length; i++) b.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
    b.append("\"/>\n");
  }

  @Override
  public void dot(double x, double y, double r, Color c) {
    b.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"").append(n(r)).append("\" fill=\"").append(hex(c))
        .append("\"/>\n");
  }

  @Override
  public void text(double x, double y, String s, int anchor, Color c, boolean bold) {
    String a = anchor == LEFT ? "start" : anchor == CENTER ? "middle" : "end";
    b.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(a).append("\" fill=\"").append(hex(c))
        .append('"').append(bold ? " font-weight=\"bold\"" : "").append('>').append(escape(s)).append("</text>\n");
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
