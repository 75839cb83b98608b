package io.jgrad.nn.train;

import java.awt.Color;

/** The few drawing primitives {@link CurvePlot} needs, rendered to a PNG or to SVG text. */
interface PlotCanvas {
  int LEFT = -1;
  int CENTER = 0;
  int RIGHT = 1;

  void line(double x1, double y1, double x2, double y2, Color c, double width);

  void polyline(double[] xs, double[] ys, Color c, double width);

  void dot(double x, double y, double r, Color c);

  /** Text with its baseline at y, anchored at x by {@code anchor} (LEFT, CENTER, RIGHT). */
  void text(double x, double y, String s, int anchor, Color c, boolean bold);
}
