package io.jgrad.cli;

import io.jgrad.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The embedded default dataset: 1797 8x8 handwritten digits (UCI "Optical Recognition of
 * Handwritten Digits", CC BY 4.0, as shipped in scikit-learn). Pixels are 0..16.
 */
public record Digits(Tensor images, Tensor labels) {
  public static final int FEATURES = 64, CLASSES = 10;

  /** Images [n, 64] float32 scaled to [0, 1], labels [n] int64. */
  public static Digits load() {
    try (InputStream raw = Digits.class.getResourceAsStream("data/digits.csv.gz")) {
      if (raw == null) throw new IllegalStateException("embedded dataset data/digits.csv.gz is missing from the jar");
      return parse(new GZIPInputStream(raw));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded digits dataset", e);
    }
  }

  static Digits parse(InputStream in) throws IOException {
    List<float[]> rows = new ArrayList<>();
    List<Long> labels = new ArrayList<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int lineNo = 0;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) continue;
      String[] f = line.split(",");
      if (f.length != FEATURES + 1) {
        throw new IllegalArgumentException("digits line " + lineNo + ": expected " + (FEATURES + 1) + " fields, got " + f.length);
      }
      float[] px = new float[FEATURES];
      for (int i = 0; i < FEATURES; i++) px[i] = Float.parseFloat(f[i]) / 16f;
      rows.add(px);
      labels.add(Long.parseLong(f[FEATURES].trim()));
    }
    float[] flat = new float[rows.size() * FEATURES];
    long[] y = new long[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, flat, i * FEATURES, FEATURES);
      y[i] = labels.get(i);
    }
    return new Digits(Tensor.fromArray(flat, rows.size(), FEATURES), Tensor.fromArray(y, rows.size()));
  }

  public int size() { return labels.size(0); }
}
