package io.jgrad.nn;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * Gated recurrent unit ("Learning Phrase Representations using RNN Encoder-Decoder for
 * Statistical Machine Translation"), as torch.nn.GRU with gates r, z, n:
 * r = sigmoid(xr + hr), z = sigmoid(xz + hz), n = tanh(xn + r * hn), h' = (1 - z) * n + z * h,
 * where x* = W_i* x + b_i* and h* = W_h* h + b_h*. Shape: see {@link RnnBase} and {@link RnnOutput}.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.GRU.html">torch.nn.GRU</a>
 */
public class GRU extends RnnBase {
  public GRU(int inputSize, int hiddenSize) { this(inputSize, hiddenSize, 1, true, false, Generator.defaultGenerator()); }

  public GRU(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, Generator g) {
    super(3, inputSize, hiddenSize, numLayers, bias, batchFirst, g);
  }

  /** Output and final hidden state from initial state h0 (null for zeros). */
  public RnnOutput forward(Tensor x, Tensor h0) { return run(x, h0, null); }

  @Override
  protected Tensor[] cell(Tensor xw, Tensor hw, Tensor h, Tensor c) {
    List<Tensor> xs = xw.chunk(3, 1), hs = hw.chunk(3, 1);
    Tensor r = xs.get(0).add(hs.get(0)).sigmoid(), z = xs.get(1).add(hs.get(1)).sigmoid();
    Tensor n = xs.get(2).add(r.mul(hs.get(2))).tanh();
    return new Tensor[] {n.sub(n.mul(z)).add(z.mul(h)), c};
  }

  @Override
  protected boolean hasCell() { return false; }
}
