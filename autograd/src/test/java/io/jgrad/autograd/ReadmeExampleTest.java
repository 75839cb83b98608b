package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's autograd snippet, kept compiling and checked: grad(loss) + grad(penalty) into w.grad(). */
class ReadmeExampleTest {
  @Test
  void readmeSnippetRunsAndAccumulatesFirstAndSecondOrder() {
    Generator g = new Generator(1);
    Tensor w = Tensor.randn(g, DType.FLOAT64, 3, 3).requiresGrad(true);
    Tensor x = Tensor.randn(g, DType.FLOAT64, 8, 3);
    Tensor loss = x.matmul(w).tanh().pow(2).mean();
    loss.backward(null, true, false);
    double[] firstOrder = w.grad().toDoubleArray();
    Tensor gw = Autograd.grad(loss, List.of(w), true).get(0);
    assertArrayEquals(firstOrder, gw.toDoubleArray(), 1e-12, "functional grad equals the accumulated one");
    Tensor penalty = gw.pow(2).sum();
    penalty.backward();
    List<Tensor> dPenalty = Autograd.hvp(in -> x.matmul(in.get(0)).tanh().pow(2).mean(), List.of(w.detach()),
        List.of(gw.detach().mul(2)));
    double[] expected = firstOrder.clone();
    double[] h = dPenalty.get(0).toDoubleArray();
    for (int i = 0; i < expected.length; i++) expected[i] += h[i];
    assertArrayEquals(expected, w.grad().toDoubleArray(), 1e-10, "d(penalty)/dw = 2 H g, added to the gradient");
    double before = w.get(0, 0);
    try (var off = Grad.disabled()) {
      w.addInPlace(w.grad(), -0.1);
    }
    assertTrue(w.get(0, 0) != before);
    GradCheck.checkBoth(in -> in.get(0).matmul(in.get(1)).sigmoid().sum(), List.of(x, w.detach()));
  }
}
