package io.jgrad.nn.data;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** How a {@link DataLoader} applies its transforms: seeding and ownership. */
final class Transforms {
  private Transforms() {}

  /**
   * The generator of one example ({@code key} its dataset index) or batch ({@code key} = -1 -
   * its number) in {@code epoch}: a SplitMix64 mix of the three, so neighbouring seeds, epochs
   * and indices give unrelated streams.
   */
  static Generator generator(long seed, int epoch, long key) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    h = mix(h ^ (epoch * 0xBF58476D1CE4E5B9L));
    return new Generator(mix(h ^ (key * 0x94D049BB133111EBL)));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The examples at {@code idx}, each transformed with its own generator, stacked into a batch. */
  static Batch examples(Dataset dataset, int[] idx, ExampleTransform t, long seed, int epoch) {
    List<Example> out = new ArrayList<>(idx.length);
    long[] index = new long[idx.length];
    try {
      for (int k = 0; k < idx.length; k++) {
        Example in = dataset.get(idx[k]);
        Example e;
        try {
          e = t.apply(in, generator(seed, epoch, idx[k]));
        } catch (RuntimeException ex) {
          Examples.close(in);
          throw ex;
        }
        if (e == null) {
          Examples.close(in);
          throw new IllegalStateException("DataLoader: the transform returned null for example " + idx[k]);
        }
        closeUnused(tensors(in), tensors(e));
        out.add(e);
        index[k] = idx[k];
      }
      return Examples.stack(out, index);
    } finally {
      for (Example e : out) Examples.close(e);
    }
  }

  /** {@code t} applied to {@code b}; the tensors of {@code b} the result does not reuse are closed. */
  static Batch batch(Batch b, BatchTransform t, Generator g) {
    Batch out;
    try {
      out = t.apply(b, g);
    } catch (RuntimeException ex) {
      b.close();
      throw ex;
    }
    if (out == null) {
      b.close();
      throw new IllegalStateException("DataLoader: the batch transform returned null");
    }
    closeUnused(tensors(b), tensors(out));
    return out;
  }

  private static void closeUnused(List<Tensor> in, List<Tensor> out) {
    Set<Tensor> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    kept.addAll(out);
    for (Tensor t : in) if (!kept.contains(t)) t.close();
  }

  private static List<Tensor> tensors(Example e) {
    List<Tensor> ts = new ArrayList<>();
    ts.add(e.features());
    if (e.target() != null) ts.add(e.target());
    ts.addAll(e.fields().values());
    return ts;
  }

  private static List<Tensor> tensors(Batch b) {
    List<Tensor> ts = new ArrayList<>();
    ts.add(b.x());
    if (b.y() != null) ts.add(b.y());
    if (b.index() != null) ts.add(b.index());
    ts.addAll(b.fields().values());
    return ts;
  }
}
