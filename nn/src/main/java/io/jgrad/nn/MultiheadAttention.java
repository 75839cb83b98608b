package io.jgrad.nn;

import io.jgrad.nn.init.Init;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-head scaled dot-product attention ("Attention Is All You Need"), as
 * torch.nn.MultiheadAttention (kdim = vdim = embedDim): q, k, v = in-projections of query, key,
 * value split into numHeads heads of size d = embedDim/numHeads;
 * A = softmax(q k^T / sqrt(d) + masks) (dropout on A in training); out = out_proj(A v).
 * Parameters in_proj_weight [3E, E] (xavier_uniform), in_proj_bias [3E] (zeros), out_proj.weight
 * (Linear's default) and out_proj.bias (zeros). Masks: a bool mask is True where attention is NOT
 * allowed (filled with -inf); a float mask is added. keyPaddingMask [N, S]; attnMask [L, S] or
 * [N*numHeads, L, S]. A query row with every key masked gives NaN, as torch.
 * Shape: query [L, N, E], key/value [S, N, E] ([N, L, E] ... when batchFirst) -> [L, N, E].
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.MultiheadAttention.html">torch.nn.MultiheadAttention</a>
 */
public class MultiheadAttention extends Module {
  private final int embedDim, numHeads, headDim;
  private final boolean batchFirst;
  private final Tensor inProjWeight, inProjBias;
  private final Linear outProj;
  private final Dropout dropout;

  public MultiheadAttention(int embedDim, int numHeads) { this(embedDim, numHeads, 0, true, false, Generator.defaultGenerator()); }

  public MultiheadAttention(int embedDim, int numHeads, double dropout, boolean bias, boolean batchFirst, Generator g) {
    if (numHeads <= 0 || embedDim % numHeads != 0) {
      throw new IllegalArgumentException("MultiheadAttention: embedDim " + embedDim + " must be divisible by numHeads " + numHeads);
    }
    this.embedDim = embedDim;
    this.numHeads = numHeads;
    this.headDim = embedDim / numHeads;
    this.batchFirst = batchFirst;
    inProjWeight = registerParameter("in_proj_weight", untracked(() -> Tensor.zeros(defaultDType(), 3 * embedDim, embedDim)));
    Init.xavierUniform(inProjWeight, 1.0, g);
    inProjBias = bias ? registerParameter("in_proj_bias", untracked(() -> Tensor.zeros(defaultDType(), 3 * embedDim))) : null;
    outProj = registerModule("out_proj", new Linear(embedDim, embedDim, bias, g));
    if (bias) Init.zeros(outProj.bias());
    this.dropout = new Dropout(dropout, g);
  }

  /** Self-attention without masks; returns the output only. */
  @Override
  public Tensor forward(Tensor x) { return forward(x, x, x, null, false, null).output(); }

  /**
   * The output only, for {@link Module#call}: (x) self-attention, (query, key, value), or
   * (query, key, value, keyPaddingMask, attnMask) where either mask may be null.
   */
  @Override
  public Tensor forward(Tensor... inputs) {
    expectInputs(inputs, 1, 5, "query, key, value, keyPaddingMask, attnMask");
    if (inputs.length == 1) return forward(inputs[0]);
    if (inputs.length != 3 && inputs.length != 5) {
      throw new IllegalArgumentException("MultiheadAttention: expects 1, 3 or 5 inputs (query, key, value, keyPaddingMask, "
          + "attnMask), got " + inputs.length);
    }
    Tensor padding = inputs.length == 5 ? inputs[3] : null, mask = inputs.length == 5 ? inputs[4] : null;
    return forward(inputs[0], inputs[1], inputs[2], padding, false, mask).output();
  }

  public AttentionOutput forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights,
                                 Tensor attnMask) {
    if (query.dim() != 3 || key.dim() != 3 || value.dim() != 3 || query.size(-1) != embedDim || key.size(-1) != embedDim
        || value.size(-1) != embedDim || !Arrays.equals(key.shape(), value.shape())) {
      throw new IllegalArgumentException("MultiheadAttention: expected query [L, N, " + embedDim + "] and key/value [S, N, "
          + embedDim + "]" + (batchFirst ? " (batch first)" : "") + ", got " + Arrays.toString(query.shape()) + ", "
          + Arrays.toString(key.shape()) + ", " + Arrays.toString(value.shape()));
    }
    if (batchFirst) {
      query = query.transpose(0, 1);
      key = key.transpose(0, 1);
      value = value.transpose(0, 1);
    }
    int l = query.size(0), n = query.size(1), s = key.size(0);
    if (key.size(1) != n) {
      throw new IllegalArgumentException("MultiheadAttention: query batch " + n + " != key batch " + key.size(1));
    }
    List<Tensor> w = inProjWeight.chunk(3, 0);
    List<Tensor> b = inProjBias == null ? null : inProjBias.chunk(3, 0);
    Tensor q = heads(project(query, w.get(0), b == null ? null : b.get(0)), l, n);
    Tensor k = heads(project(key, w.get(1), b == null ? null : b.get(1)), s, n);
    Tensor v = heads(project(value, w.get(2), b == null ? null : b.get(2)), s, n);
    Tensor scores = q.div(Math.sqrt(headDim)).bmm(k.transpose(1, 2));
    if (attnMask != null) scores = applyMask(scores, attnMask, "attnMask", l, s, n);
    if (keyPaddingMask != null) {
      if (!Arrays.equals(keyPaddingMask.shape(), new int[] {n, s})) {
        throw new IllegalArgumentException("MultiheadAttention: keyPaddingMask must have shape [" + n + ", " + s + "], got "
            + Arrays.toString(keyPaddingMask.shape()));
      }
      Tensor s4 = scores.reshape(n, numHeads, l, s);
      Tensor m4 = keyPaddingMask.reshape(n, 1, 1, s);
      s4 = keyPaddingMask.dtype() == DType.BOOL ? s4.maskedFill(m4, Double.NEGATIVE_INFINITY) : s4.add(m4);
      scores = s4.reshape(n * numHeads, l, s);
    }
    Tensor attn = scores.softmax(-1);
    Tensor dropped = dropout.p() > 0 && isTraining() ? dropout.call(attn) : attn;
    Tensor out = dropped.bmm(v).transpose(0, 1).reshape(l, n, embedDim);
    out = outProj.call(out);
    if (batchFirst) out = out.transpose(0, 1);
    Tensor weights = needWeights ? attn.reshape(n, numHeads, l, s).mean(1) : null;
    return new AttentionOutput(out, weights);
  }

  private static Tensor project(Tensor x, Tensor w, Tensor b) {
    Tensor y = x.matmul(w.t());
    return b == null ? y : y.add(b);
  }

  /** [T, N, E] -> [N*H, T, d], torch's head layout. */
  private Tensor heads(Tensor x, int t, int n) { return x.reshape(t, n * numHeads, headDim).transpose(0, 1); }

  private Tensor applyMask(Tensor scores, Tensor mask, String name, int l, int s, int n) {
    boolean ok = Arrays.equals(mask.shape(), new int[] {l, s}) || Arrays.equals(mask.shape(), new int[] {n * numHeads, l, s});
    if (!ok) {
      throw new IllegalArgumentException("MultiheadAttention: " + name + " must have shape [" + l + ", " + s + "] or ["
          + n * numHeads + ", " + l + ", " + s + "], got " + Arrays.toString(mask.shape()));
    }
    return mask.dtype() == DType.BOOL ? scores.maskedFill(mask, Double.NEGATIVE_INFINITY) : scores.add(mask);
  }

  public Linear outProj() { return outProj; }

  @Override
  protected String extraRepr() { return "embedDim=" + embedDim + ", numHeads=" + numHeads + ", batchFirst=" + batchFirst; }
}
