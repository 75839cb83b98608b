package io.jgrad.nn;

import io.jgrad.nn.init.Init;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shared part of {@link LSTM} and {@link GRU}: per layer k, parameters weight_ih_l{k}
 * [G*H, in], weight_hh_l{k} [G*H, H], bias_ih_l{k}, bias_hh_l{k} [G*H] (G gates), all
 * U(-1/sqrt(H), 1/sqrt(H)) as torch; the input projection of all steps is one matmul, the
 * recurrence runs step by step. Input [T, N, in] ([N, T, in] when batchFirst, or unbatched [T, in]).
 */
public abstract class RnnBase extends Module {
  protected final int inputSize, hiddenSize, numLayers;
  protected final boolean batchFirst;
  protected final List<Tensor[]> layers = new ArrayList<>();

  protected RnnBase(int gates, int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, Generator g) {
    if (inputSize <= 0 || hiddenSize <= 0 || numLayers <= 0) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": inputSize " + inputSize + ", hiddenSize " + hiddenSize
          + " and numLayers " + numLayers + " must be > 0");
    }
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.numLayers = numLayers;
    this.batchFirst = batchFirst;
    double bound = 1 / Math.sqrt(hiddenSize);
    for (int k = 0; k < numLayers; k++) {
      int in = k == 0 ? inputSize : hiddenSize;
      Tensor wih = registerParameter("weight_ih_l" + k, untracked(() -> Tensor.zeros(defaultDType(), gates * hiddenSize, in)));
      Tensor whh = registerParameter("weight_hh_l" + k, untracked(() -> Tensor.zeros(defaultDType(), gates * hiddenSize, hiddenSize)));
      Tensor bih = bias ? registerParameter("bias_ih_l" + k, untracked(() -> Tensor.zeros(defaultDType(), gates * hiddenSize))) : null;
      Tensor bhh = bias ? registerParameter("bias_hh_l" + k, untracked(() -> Tensor.zeros(defaultDType(), gates * hiddenSize))) : null;
      layers.add(new Tensor[] {wih, whh, bih, bhh});
    }
    for (Tensor p : parameters()) Init.uniform(p, -bound, bound, g);
  }

  /** Returns the full output (every step of the last layer). */
  @Override
  public Tensor forward(Tensor x) { return run(x, null, null).output(); }

  /** The full output, for {@link Module#call}: (x), (x, h0), or for an LSTM (x, h0, c0); states may be null. */
  @Override
  public Tensor forward(Tensor... inputs) {
    expectInputs(inputs, 1, hasCell() ? 3 : 2, hasCell() ? "x, h0, c0" : "x, h0");
    return run(inputs[0], inputs.length > 1 ? inputs[1] : null, inputs.length > 2 ? inputs[2] : null).output();
  }

  /** Runs from the given initial states (null for zeros), each [L, N, H] (or [L, H] unbatched). */
  protected RnnOutput run(Tensor x, Tensor h0, Tensor c0) {
    boolean unbatched = x.dim() == 2;
    if ((x.dim() != 3 && !unbatched) || x.size(-1) != inputSize) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": expected input [T, N, " + inputSize + "]"
          + (batchFirst ? " (batchFirst: [N, T, " + inputSize + "])" : "") + " or [T, " + inputSize + "], got " + Arrays.toString(x.shape()));
    }
    if (unbatched) {
      x = x.unsqueeze(1);
      h0 = h0 == null ? null : h0.unsqueeze(1);
      c0 = c0 == null ? null : c0.unsqueeze(1);
    } else if (batchFirst) {
      x = x.transpose(0, 1);
    }
    int n = x.size(1);
    int[] stateShape = {numLayers, n, hiddenSize};
    checkState("h0", h0, stateShape);
    checkState("c0", c0, stateShape);
    List<Tensor> hs = new ArrayList<>(), cs = new ArrayList<>();
    Tensor seq = x;
    for (int k = 0; k < numLayers; k++) {
      Tensor h = h0 == null ? Tensor.full(new int[] {n, hiddenSize}, 0, x.dtype(), x.device()) : h0.select(0, k);
      Tensor c = c0 == null ? Tensor.full(new int[] {n, hiddenSize}, 0, x.dtype(), x.device()) : c0.select(0, k);
      Tensor[] p = layers.get(k);
      Tensor xw = seq.matmul(p[0].t());
      if (p[2] != null) xw = xw.add(p[2]);
      List<Tensor> outs = new ArrayList<>();
      for (int t = 0; t < seq.size(0); t++) {
        Tensor hw = h.matmul(p[1].t());
        if (p[3] != null) hw = hw.add(p[3]);
        Tensor[] hc = cell(xw.select(0, t), hw, h, c);
        h = hc[0];
        c = hc[1];
        outs.add(h);
      }
      seq = Tensor.stack(outs, 0);
      hs.add(h);
      cs.add(c);
    }
    Tensor out = unbatched ? seq.squeeze(1) : batchFirst ? seq.transpose(0, 1) : seq;
    Tensor hn = Tensor.stack(hs, 0), cn = hasCell() ? Tensor.stack(cs, 0) : null;
    if (unbatched) {
      hn = hn.squeeze(1);
      cn = cn == null ? null : cn.squeeze(1);
    }
    return new RnnOutput(out, hn, cn);
  }

  private void checkState(String name, Tensor s, int[] shape) {
    if (s != null && !Arrays.equals(s.shape(), shape)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": " + name + " must have shape " + Arrays.toString(shape)
          + ", got " + Arrays.toString(s.shape()));
    }
  }

  /** One step: xw = W_ih x + b_ih, hw = W_hh h + b_hh; returns {h', c'}. */
  protected abstract Tensor[] cell(Tensor xw, Tensor hw, Tensor h, Tensor c);

  protected abstract boolean hasCell();

  @Override
  protected String extraRepr() { return inputSize + ", " + hiddenSize + ", numLayers=" + numLayers + ", batchFirst=" + batchFirst; }
}
