package io.jgrad.cli.demo.dense;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;

/**
 * A synthetic segmentation set made in code: 16×16 images, each with one 2×3 (or 3×2) bright
 * rectangle (6 of 256 pixels, about 2.3% foreground) in Gaussian noise, plus 3 bright single-pixel
 * distractors that are background. Labels are 0 (background) / 1 (object).
 */
record SegmentationData(Tensor images, Tensor labels) {
  static final int SIZE = 16;

  static SegmentationData make(int n, long seed, double contrast) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    Generator g = new Generator(seed * 7919 + 1);
    float[] img = Tensor.randn(g, n, 1, SIZE, SIZE).toFloatArray();
    long[] lab = new long[n * SIZE * SIZE];
    for (int k = 0; k < n; k++) {
      boolean wide = r.nextBoolean();
      int h = wide ? 2 : 3, w = wide ? 3 : 2;
      int y0 = r.nextInt(SIZE - h + 1), x0 = r.nextInt(SIZE - w + 1);
      for (int y = y0; y < y0 + h; y++) {
        for (int x = x0; x < x0 + w; x++) {
          lab[k * SIZE * SIZE + y * SIZE + x] = 1;
          img[k * SIZE * SIZE + y * SIZE + x] += (float) contrast;
        }
      }
      for (int d = 0; d < 3; d++) {
        int p = r.nextInt(SIZE * SIZE);
        if (lab[k * SIZE * SIZE + p] == 0) img[k * SIZE * SIZE + p] += (float) (contrast * 1.5);
      }
    }
    return new SegmentationData(Tensor.fromArray(img, n, 1, SIZE, SIZE), Tensor.fromArray(lab, n, SIZE, SIZE));
  }

  /** Foreground IoU of predictions (argmax over channels of logits [N, 2, H, W]) against the labels, pooled. */
  static double foregroundIoU(Tensor logits, Tensor labels) {
    long[] pred = logits.argmax(1, false).toLongArray(), truth = labels.to(DType.INT64).toLongArray();
    double inter = 0, union = 0;
    for (int i = 0; i < pred.length; i++) {
      boolean p = pred[i] == 1, t = truth[i] == 1;
      if (p && t) inter++;
      if (p || t) union++;
    }
    return union == 0 ? 1 : inter / union;
  }

  /** Fraction of foreground pixels. */
  double foreground() { return labels.to(DType.FLOAT64).mean().item(); }
}
