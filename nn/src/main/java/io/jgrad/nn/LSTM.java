package io.jgrad.nn;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * Long short-term memory ("Long Short-Term Memory"), as torch.nn.LSTM with gates in torch's order
 * i, f, g, o: i = sigmoid(.), f = sigmoid(.), g = tanh(.), o = sigmoid(.) of W_ih x + b_ih +
 * W_hh h + b_hh; c' = f*c + i*g; h' = o*tanh(c'). Shape: see {@link RnnBase} and {@link RnnOutput}.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.LSTM.html">torch.nn.LSTM</a>
 */
public class LSTM extends RnnBase {
  public LSTM(int inputSize, int hiddenSize) { this(inputSize, hiddenSize, 1, true, false, Generator.defaultGenerator()); }

  public LSTM(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, Generator g) {
    super(4, inputSize, hiddenSize, numLayers, bias, batchFirst, g);
  }

  /** Output, final hidden and cell states from initial states h0, c0 (null for zeros). */
  public RnnOutput forward(Tensor x, Tensor h0, Tensor c0) { return run(x, h0, c0); }

  @Override
  protected Tensor[] cell(Tensor xw, Tensor hw, Tensor h, Tensor c) {
    List<Tensor> g = xw.add(hw).chunk(4, 1);
    Tensor i = g.get(0).sigmoid(), f = g.get(1).sigmoid(), gg = g.get(2).tanh(), o = g.get(3).sigmoid();
    Tensor c2 = f.mul(c).add(i.mul(gg));
    return new Tensor[] {o.mul(c2.tanh()), c2};
  }

  @Override
  protected boolean hasCell() { return true; }
}
