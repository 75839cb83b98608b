package io.jgrad.cli.demo.dense;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

/** A PNG grid of images (grayscale) and masks: one column per example, one row per mask source. */
final class MaskImage {
  static {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
  }

  private MaskImage() {}

  static final int SCALE = 6, GAP = 3, LABEL = 150;

  /** images [N, 1, H, W], truth [N, H, W] and each method's predicted masks [N, H, W]; the first {@code cols} examples. */
  static void write(Tensor images, Tensor truth, Map<String, Tensor> predicted, int cols, Path png) {
    int n = Math.min(cols, images.size(0)), h = images.size(2), w = images.size(3);
    int rows = 2 + predicted.size();
    BufferedImage img = new BufferedImage(LABEL + n * (w * SCALE + GAP), rows * (h * SCALE + GAP), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    float[] px = images.to(DType.FLOAT32).toFloatArray();
    float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
    for (float v : px) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    int row = 0;
    label(g, "image", row, h);
    for (int k = 0; k < n; k++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int v = Math.round(255 * (px[(k * h + y) * w + x] - lo) / Math.max(1e-6f, hi - lo));
          cell(g, new Color(v, v, v), k, row, x, y, w, h);
        }
      }
    }
    row++;
    mask(g, "truth", truth, n, row++, w, h, new Color(0x2ca02c));
    Color[] palette = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x9467bd), new Color(0xd62728), new Color(0x7f7f7f)};
    int c = 0;
    for (Map.Entry<String, Tensor> e : predicted.entrySet()) mask(g, e.getKey(), e.getValue(), n, row++, w, h, palette[c++ % palette.length]);
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      ImageIO.write(img, "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mask(Graphics2D g, String name, Tensor m, int n, int row, int w, int h, Color on) {
    label(g, name, row, h);
    long[] v = m.to(DType.INT64).toLongArray();
    for (int k = 0; k < n; k++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) cell(g, v[(k * h + y) * w + x] == 1 ? on : new Color(0xeeeeee), k, row, x, y, w, h);
      }
    }
  }

  private static void label(Graphics2D g, String s, int row, int h) {
    g.setColor(Color.DARK_GRAY);
    g.drawString(s, 4, row * (h * SCALE + GAP) + h * SCALE / 2 + 4);
  }

  private static void cell(Graphics2D g, Color color, int k, int row, int x, int y, int w, int h) {
    g.setColor(color);
    g.fillRect(LABEL + k * (w * SCALE + GAP) + x * SCALE, row * (h * SCALE + GAP) + y * SCALE, SCALE, SCALE);
  }
}
