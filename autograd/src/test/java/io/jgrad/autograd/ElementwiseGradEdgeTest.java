package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElementwiseGradEdgeTest {
  @Test
  void smoke() {
    Tensor x = Tensor.of(-1.0, 0.0, 2.0).requiresGrad(true);
    Tensor y = x.mul(x).add(x.exp()).tanh();
    List<Tensor> g = Autograd.grad(List.of(y), List.of(x), List.of(Tensor.onesLike(y)), false, false, false);
    System.out.println(java.util.Arrays.toString(g.get(0).toDoubleArray()));
  }
}
