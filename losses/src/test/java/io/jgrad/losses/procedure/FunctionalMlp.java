package io.jgrad.losses.procedure;

import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * A two-layer MLP (Linear, tanh, Linear) whose weights are whatever list is current: GradCheck
 * calls a function of the weights, and the regularizers under test call {@code model.forward}.
 * The model is a Sequential of two parts (h = Linear + tanh, g = Linear), so the factorized
 * Jacobian penalty can split it.
 */
final class FunctionalMlp {
  private List<Tensor> weights;
  final Sequential model;

  FunctionalMlp() { model = new Sequential(new Part(0, true), new Part(2, false)); }

  /** The model with {@code w} = [w1 [h, in], b1 [h], w2 [out, h], b2 [out]] as its weights. */
  Sequential with(List<Tensor> w) {
    weights = w;
    return model;
  }

  static List<Tensor> init(int in, int hidden, int out, long seed) {
    Generator g = new Generator(seed);
    return List.of(Tensor.randn(g, DType.FLOAT64, hidden, in).mul(0.6), Tensor.randn(g, DType.FLOAT64, hidden).mul(0.3),
        Tensor.randn(g, DType.FLOAT64, out, hidden).mul(0.6), Tensor.randn(g, DType.FLOAT64, out).mul(0.3));
  }

  private final class Part extends Module {
    private final int at;
    private final boolean tanh;

    Part(int at, boolean tanh) {
      this.at = at;
      this.tanh = tanh;
    }

    @Override
    public Tensor forward(Tensor x) {
      Tensor y = x.matmul(weights.get(at).t()).add(weights.get(at + 1));
      return tanh ? y.tanh() : y;
    }
  }
}
