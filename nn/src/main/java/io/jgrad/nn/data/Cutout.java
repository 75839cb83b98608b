package io.jgrad.nn.data;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Cutout (DeVries and Taylor 2017, "Improved Regularization of Convolutional Neural Networks with
 * Cutout", paper 28): a per-example augmentation that zeroes {@code nHoles} square patches of
 * side {@code length} at uniformly drawn centres. Transcribed from the authors'
 * {@code uoguelph-mlrg/Cutout util/cutout.py}: for each hole, centre
 * {@code cy ~ U{0..H−1}}, {@code cx ~ U{0..W−1}}, rows {@code clip(cy − L//2, 0, H)} to
 * {@code clip(cy + L//2, 0, H)} (end exclusive; columns likewise) are set to 0 in every channel.
 * A patch near the border is clipped, so the cut area can be smaller than L×L, and an odd L cuts
 * (L−1)×(L−1). The repository's first commit used ±L (a 2L×2L square): {@code extent = "full"}
 * reproduces it; "half" (the default) is the version the paper's results use. The reference
 * applies Cutout after normalisation, so the zeros are the dataset mean. Defaults: 1 hole,
 * L = 16 (CIFAR-10; 8 for CIFAR-100, 20 for SVHN).
 *
 * <p>Use: as a {@link DataLoader} per-example transform ({@code builder.transform(cutout)}: the
 * centres come from the loader's per-example generator, so a run is reproducible with or without
 * prefetch), or directly with {@link #apply(Tensor)} / {@link #applyBatch} (centres from this
 * transform's own generator).
 *
 * <p>Shape: an example [C, H, W] or [H, W] (or, through {@link #applyBatch}, a batch
 * [B, C, H, W] with independent patches per example). The input is not modified.
 */
public final class Cutout implements UnaryOperator<Tensor>, ExampleTransform {
  private final int nHoles, length;
  private final boolean full;
  private final Generator generator;

  /**
   * @param extent "half" (±L//2, the reference) or "full" (±L, the reference's first commit)
   * @param generator the stream the centres are drawn from (shared, thread-safe)
   */
  public Cutout(int nHoles, int length, String extent, Generator generator) {
    String op = "cutout";
    if (nHoles < 0) throw new IllegalArgumentException(op + ": n_holes must be >= 0, got " + nHoles);
    if (length < 0) throw new IllegalArgumentException(op + ": length must be >= 0, got " + length);
    if (!"half".equals(extent) && !"full".equals(extent)) {
      throw new IllegalArgumentException(op + ": extent must be half or full, got '" + extent + "'");
    }
    if (generator == null) throw new IllegalArgumentException(op + ": generator is null");
    this.nHoles = nHoles;
    this.length = length;
    this.full = extent.equals("full");
    this.generator = generator;
  }

  /** One hole of side {@code length}, the reference's ±L//2 extent, seeded. */
  public Cutout(int length, long seed) { this(1, length, "half", new Generator(seed)); }

  /**
   * The float32 mask [H, W] (1 = kept, 0 = cut) for holes centred at rows {@code cy} and columns
   * {@code cx}, exactly as the reference builds it.
   */
  public static Tensor mask(int h, int w, int[] cy, int[] cx, int length, String extent) {
    if (cy.length != cx.length) throw new IllegalArgumentException("cutout: " + cy.length + " row centres and " + cx.length + " column centres");
    boolean full = "full".equals(extent);
    if (!full && !"half".equals(extent)) throw new IllegalArgumentException("cutout: extent must be half or full, got '" + extent + "'");
    return Tensor.fromArray(maskArray(h, w, cy, cx, length, full), h, w);
  }

  private static float[] maskArray(int h, int w, int[] cy, int[] cx, int length, boolean full) {
    int half = full ? length : length / 2;
    float[] m = new float[h * w];
    Arrays.fill(m, 1f);
    for (int k = 0; k < cy.length; k++) {
      int y1 = clip(cy[k] - half, h), y2 = clip(cy[k] + half, h);
      int x1 = clip(cx[k] - half, w), x2 = clip(cx[k] + half, w);
      for (int y = y1; y < y2; y++) Arrays.fill(m, y * w + x1, y * w + Math.max(x1, x2), 0f);
    }
    return m;
  }

  private static int clip(int v, int hi) { return Math.max(0, Math.min(hi, v)); }

  /** The example with its features cut out, the centres drawn from {@code g} (the DataLoader's per-example generator). */
  @Override
  public Example apply(Example example, Generator g) {
    if (example == null) throw new IllegalArgumentException("cutout: example is null");
    return new Example(apply(example.features(), g), example.label(), example.target(), example.fields());
  }

  /** Cutout of one example [C, H, W] or [H, W] with centres drawn from {@code g}: a new tensor. */
  public Tensor apply(Tensor img, Generator g) {
    if (g == null) throw new IllegalArgumentException("cutout: generator is null");
    return cut(img, g);
  }

  /** Cutout of one example [C, H, W] or [H, W] with fresh centres: a new tensor. */
  @Override
  public Tensor apply(Tensor img) { return cut(img, generator); }

  private Tensor cut(Tensor img, Generator g) {
    if (img == null) throw new IllegalArgumentException("cutout: img is null");
    if (img.dim() != 2 && img.dim() != 3) {
      throw new IllegalArgumentException("cutout: expects an image [C, H, W] or [H, W], got " + Arrays.toString(img.shape()));
    }
    int h = img.size(-2), w = img.size(-1);
    Tensor m = masks(1, h, w, g).reshape(h, w);
    return img.mul(m.to(img.dtype().isFloatingPoint() ? img.dtype() : DType.FLOAT32).to(img.device()));
  }

  /**
   * Cutout applied to each example of a batch [B, C, H, W] or [B, H, W] independently (the
   * centres are drawn in the same order as B calls of {@link #apply}), with one multiplication.
   */
  public Tensor applyBatch(Tensor batch) {
    if (batch == null || batch.dim() < 3 || batch.dim() > 4) {
      throw new IllegalArgumentException("cutout: expects a batch [B, C, H, W] or [B, H, W], got "
          + (batch == null ? "null" : Arrays.toString(batch.shape())));
    }
    int b = batch.size(0), h = batch.size(-2), w = batch.size(-1);
    Tensor m = masks(b, h, w, generator);
    if (batch.dim() == 4) m = m.unsqueeze(1);
    return batch.mul(m.to(batch.dtype().isFloatingPoint() ? batch.dtype() : DType.FLOAT32).to(batch.device()));
  }

  /** {@code count} masks [count, H, W] with fresh centres (per mask: row then column of each hole). */
  private Tensor masks(int count, int h, int w, Generator generator) {
    int[] cy = new int[nHoles], cx = new int[nHoles];
    float[] all = new float[count * h * w];
    for (int k = 0; k < count; k++) {
      synchronized (generator) {
        for (int j = 0; j < nHoles; j++) {
          cy[j] = (int) Math.min(h - 1, Math.floor(generator.nextDouble() * h));
          cx[j] = (int) Math.min(w - 1, Math.floor(generator.nextDouble() * w));
        }
      }
      System.arraycopy(maskArray(h, w, cy, cx, length, full), 0, all, k * h * w, h * w);
    }
    return Tensor.fromArray(all, count, h, w);
  }

  public int nHoles() { return nHoles; }

  public int length() { return length; }

  public String extent() { return full ? "full" : "half"; }
}
