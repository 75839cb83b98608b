package io.jgrad.losses.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.data.Batch;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** expected_calibration_error: the bin convention, the catalog's example, accumulation and the PNG. */
class ExpectedCalibrationErrorTest {
  static String error(Runnable r) { return assertThrows(IllegalArgumentException.class, r::run).getMessage(); }

  @Test
  void binsAreLowerExclusiveUpperInclusive() {
    assertEquals(8, ExpectedCalibrationError.bin(0.6, 15), "0.6 = 9/15 closes bin 8 (8/15, 9/15]");
    assertEquals(9, ExpectedCalibrationError.bin(Math.nextUp(0.6), 15));
    assertEquals(0, ExpectedCalibrationError.bin(1.0 / 15, 15));
    assertEquals(1, ExpectedCalibrationError.bin(Math.nextUp(1.0 / 15), 15));
    assertEquals(14, ExpectedCalibrationError.bin(1.0, 15));
    assertEquals(0, ExpectedCalibrationError.bin(0.0, 15), "confidence 0 joins the first bin");
    assertEquals(4, ExpectedCalibrationError.bin(0.3, 15));
    for (int m = 1; m <= 15; m++) {
      double edge = (double) m / 15;
      assertEquals(m - 1, ExpectedCalibrationError.bin(edge, 15), "edge " + m + "/15");
      if (m < 15) assertEquals(m, ExpectedCalibrationError.bin(Math.nextUp(edge), 15), "just above " + m + "/15");
    }
    assertEquals("expected_calibration_error: confidence is NaN", error(() -> ExpectedCalibrationError.bin(Double.NaN, 15)));
  }

  /** The catalog's example with its 0.6 confidence moved off the 9/15 edge (errata): (0.05 + 0.59 + 0.38 + 0.70) / 4. */
  @Test
  void catalogExampleOffTheEdge() {
    Tensor p = Tensor.of(new double[] {0.95, 0.02, 0.02, 0.01, 0.59, 0.21, 0.1, 0.1, 0.62, 0.18, 0.1, 0.1, 0.30, 0.25, 0.25, 0.20})
        .reshape(4, 4);
    ReliabilityBins b = ExpectedCalibrationError.reliability(p, Tensor.of(new long[] {0, 1, 0, 0}), 15, false);
    assertEquals(0.43, b.ece(), 1e-12);
    assertEquals(0.70, b.mce(), 1e-12);
    assertEquals(0.75, b.accuracy(), 1e-12);
    assertEquals(4, b.total());
    assertEquals(1, b.count(8));
    assertEquals(0.59, b.confidence(8), 1e-12);
    assertEquals(0.0, b.accuracy(8));
    assertTrue(Double.isNaN(b.confidence(0)), "an empty bin has no mean");
  }

  @Test
  void accumulatesOverBatchesAsOneSet() {
    Generator g = new Generator(3);
    Tensor x = Tensor.randn(g, 90, 6).mul(3);
    Tensor y = Tensor.randint(g, 0, 6, 90);
    ExpectedCalibrationError m = new ExpectedCalibrationError();
    for (int i = 0; i < 3; i++) m.update(x.narrow(0, 30 * i, 30), new Batch(x.narrow(0, 30 * i, 30), y.narrow(0, 30 * i, 30)));
    Map<String, Double> got = m.compute();
    ReliabilityBins once = ExpectedCalibrationError.reliability(x, y, 15, true);
    assertEquals(once.ece(), got.get("ece"), 1e-12);
    assertEquals(once.mce(), got.get("mce"), 1e-12);
    assertEquals(once.accuracy(), got.get("accuracy"), 1e-12);
    assertEquals(once, m.bins());
    m.reset();
    assertTrue(Double.isNaN(m.compute().get("ece")), "nothing since the reset");
  }

  @Test
  void perfectAndUniformCalibration() {
    // a confident, correct model: conf 1, accuracy 1
    Tensor x = Tensor.of(new double[] {1e4, -1e4, -1e4, 1e4}).reshape(2, 2);
    assertEquals(0.0, ExpectedCalibrationError.ece(x, Tensor.of(new long[] {0, 1}), 15), 1e-12);
    // ties: confidence 1/C, argmax the first class
    ReliabilityBins b = ExpectedCalibrationError.reliability(Tensor.zeros(DType.FLOAT64, 3, 4), Tensor.of(new long[] {0, 1, 0}), 15, true);
    assertEquals(3, b.count(ExpectedCalibrationError.bin(0.25, 15)));
    assertEquals(2.0 / 3, b.accuracy(), 1e-12);
  }

  @Test
  void badInputsNameTheMetricAndValues() {
    assertEquals("expected_calibration_error: n_bins must be >= 1, got 0", error(() -> new ExpectedCalibrationError(0, true)));
    assertEquals("expected_calibration_error: output must be [N, C], got [4]",
        error(() -> ExpectedCalibrationError.ece(Tensor.zeros(4), Tensor.of(new long[] {0, 1, 0, 1}), 15)));
    assertEquals("expected_calibration_error: target must be [N] = [2], got [3]",
        error(() -> ExpectedCalibrationError.ece(Tensor.zeros(2, 3), Tensor.of(new long[] {0, 1, 0}), 15)));
    assertEquals("expected_calibration_error: target must be int64 class indices, got float32",
        error(() -> ExpectedCalibrationError.ece(Tensor.zeros(2, 3), Tensor.zeros(2), 15)));
  }

  @Test
  void writesAReliabilityDiagramPng(@TempDir Path dir) throws Exception {
    Generator g = new Generator(9);
    ReliabilityBins a = ExpectedCalibrationError.reliability(Tensor.randn(g, 200, 5).mul(4), Tensor.randint(g, 0, 5, 200), 15, true);
    ReliabilityBins b = ExpectedCalibrationError.reliability(Tensor.randn(g, 200, 5), Tensor.randint(g, 0, 5, 200), 15, true);
    Path png = dir.resolve("sub/reliability.png");
    ReliabilityDiagram.write(png, List.of(new ReliabilityDiagram.Panel("sharp", a), new ReliabilityDiagram.Panel("soft", b)));
    assertTrue(Files.size(png) > 1000);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(2 * 416, img.getWidth());
    assertEquals(416, img.getHeight());
    assertEquals(List.of(), List.of(Files.list(dir.resolve("sub")).filter(f -> f.getFileName().toString().startsWith(".")).toArray()),
        "no temporary file left");
  }
}
