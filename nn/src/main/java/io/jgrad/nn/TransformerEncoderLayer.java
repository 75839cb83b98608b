package io.jgrad.nn;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;

/**
 * One Transformer encoder layer ("Attention Is All You Need"), as torch.nn.TransformerEncoderLayer:
 * post-norm x = norm1(x + drop(selfAttn(x))); x = norm2(x + drop(ff(x))), or pre-norm
 * (normFirst) x = x + drop(selfAttn(norm1(x))); x = x + drop(ff(norm2(x))), with
 * ff = linear2(drop(act(linear1(x)))), act ReLU or GELU. Submodule names as torch (self_attn,
 * linear1, linear2, norm1, norm2). Shape: [L, N, E] ([N, L, E] when batchFirst) -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.TransformerEncoderLayer.html">torch.nn.TransformerEncoderLayer</a>
 */
public class TransformerEncoderLayer extends Module {
  private final MultiheadAttention selfAttn;
  private final Linear linear1, linear2;
  private final LayerNorm norm1, norm2;
  private final Dropout dropout, dropout1, dropout2;
  private final boolean normFirst, gelu;

  public TransformerEncoderLayer(int dModel, int nhead) {
    this(dModel, nhead, 2048, 0.1, false, 1e-5, false, false, Generator.defaultGenerator());
  }

  /** gelu: GELU activation instead of ReLU. */
  public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, double dropout, boolean gelu, double layerNormEps,
                                 boolean batchFirst, boolean normFirst, Generator g) {
    selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead, dropout, true, batchFirst, g));
    linear1 = registerModule("linear1", new Linear(dModel, dimFeedforward, true, g));
    this.dropout = registerModule("dropout", new Dropout(dropout, g));
    linear2 = registerModule("linear2", new Linear(dimFeedforward, dModel, true, g));
    norm1 = registerModule("norm1", new LayerNorm(new int[] {dModel}, layerNormEps, true));
    norm2 = registerModule("norm2", new LayerNorm(new int[] {dModel}, layerNormEps, true));
    dropout1 = registerModule("dropout1", new Dropout(dropout, g));
    dropout2 = registerModule("dropout2", new Dropout(dropout, g));
    this.normFirst = normFirst;
    this.gelu = gelu;
  }

  @Override
  public Tensor forward(Tensor x) { return forward(x, null, null); }

  /** For {@link Module#call}: (x) or (x, srcMask, srcKeyPaddingMask), either mask may be null. */
  @Override
  public Tensor forward(Tensor... inputs) {
    expectInputs(inputs, 1, 3, "x, srcMask, srcKeyPaddingMask");
    return forward(inputs[0], inputs.length > 1 ? inputs[1] : null, inputs.length > 2 ? inputs[2] : null);
  }

  /** With an attention mask ([L, L] or [N*nhead, L, L]) and a key padding mask ([N, L]); either may be null. */
  public Tensor forward(Tensor x, Tensor srcMask, Tensor srcKeyPaddingMask) {
    if (normFirst) {
      x = x.add(selfAttention(norm1.call(x), srcMask, srcKeyPaddingMask));
      return x.add(feedForward(norm2.call(x)));
    }
    x = norm1.call(x.add(selfAttention(x, srcMask, srcKeyPaddingMask)));
    return norm2.call(x.add(feedForward(x)));
  }

  private Tensor selfAttention(Tensor x, Tensor mask, Tensor padding) {
    return dropout1.call(selfAttn.call(x, x, x, padding, mask));
  }

  private Tensor feedForward(Tensor x) {
    Tensor h = linear1.call(x);
    h = gelu ? h.gelu() : h.relu();
    return dropout2.call(linear2.call(dropout.call(h)));
  }
}
