package io.jgrad.nn;

import io.jgrad.nn.init.Init;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * A lookup table, as torch.nn.Embedding: y[..., :] = weight[index[...], :], weight ~ N(0, 1).
 * The paddingIdx row (may be negative, counted from the end) is zero-initialised and gets no
 * gradient. Shape: integer [*] -> [*, embeddingDim].
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Embedding.html">torch.nn.Embedding</a>
 */
public class Embedding extends Module {
  private final int numEmbeddings, embeddingDim;
  private final Integer paddingIdx;
  private final Tensor weight;

  public Embedding(int numEmbeddings, int embeddingDim) { this(numEmbeddings, embeddingDim, null, Generator.defaultGenerator()); }

  /** paddingIdx: null for none. */
  public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx, Generator g) {
    if (paddingIdx != null && (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings)) {
      throw new IllegalArgumentException("Embedding: paddingIdx " + paddingIdx + " out of range for numEmbeddings " + numEmbeddings);
    }
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.paddingIdx = paddingIdx == null ? null : (paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx);
    weight = registerParameter("weight", untracked(() -> Tensor.zeros(defaultDType(), numEmbeddings, embeddingDim)));
    Init.normal(weight, 0, 1, g);
    if (this.paddingIdx != null) Init.zeros(weight.detach().select(0, this.paddingIdx));
  }

  public Tensor weight() { return weight; }

  @Override
  public Tensor forward(Tensor index) {
    if (index.dtype() != DType.INT64 && index.dtype() != DType.INT32) {
      throw new IllegalArgumentException("Embedding: index must be int32 or int64, got " + index.dtype());
    }
    long[] ids = index.toLongArray();
    for (long id : ids) {
      if (id < 0 || id >= numEmbeddings) {
        throw new IllegalArgumentException("Embedding: index " + id + " out of range for numEmbeddings " + numEmbeddings);
      }
    }
    Tensor flat = index.reshape(-1);
    Tensor rows = parametrized("weight", weight).indexSelect(0, flat);
    if (paddingIdx != null) {
      // same values, but the padding row's contribution flows through a detached copy: no gradient
      Tensor keep = flat.ne(paddingIdx).to(weight.dtype()).unsqueeze(1);
      rows = rows.mul(keep).add(rows.detach().mul(keep.neg().add(1)));
    }
    int[] out = Arrays.copyOf(index.shape(), index.dim() + 1);
    out[index.dim()] = embeddingDim;
    return rows.reshape(out);
  }

  @Override
  protected String extraRepr() { return numEmbeddings + ", " + embeddingDim + (paddingIdx != null ? ", paddingIdx=" + paddingIdx : ""); }
}
