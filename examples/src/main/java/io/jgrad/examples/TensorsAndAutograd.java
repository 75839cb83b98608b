package io.jgrad.examples;

import io.jgrad.autograd.Autograd;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** Tensors and autograd: creation, broadcasting, a gradient by backward() and one by Autograd.grad. */
public final class TensorsAndAutograd {
  public static void main(String[] args) {
    Tensor.manualSeed(0);                                            // torch.manual_seed(0)
    Tensor x = Tensor.randn(4, 3);                                   // float32 [4, 3], default generator
    Tensor w = Tensor.of(new float[][] {{1, 0}, {0, 1}, {1, 1}}).requiresGrad(true);
    Tensor b = Tensor.of(0.5f, -0.5f).requiresGrad(true);
    Tensor y = x.matmul(w).add(b).relu();                            // [4, 2]; b broadcasts over the rows
    Tensor loss = y.pow(2).mean();
    loss.backward();                                                 // fills w.grad() and b.grad()
    System.out.println("loss = " + loss.item());
    System.out.println("dloss/dw = " + Arrays.toString(w.grad().toFloatArray()));
    System.out.println("dloss/db = " + Arrays.toString(b.grad().toFloatArray()));

    Tensor v = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);          // float64
    Tensor dv = Autograd.grad(v.pow(3).sum(), List.of(v)).get(0);    // torch.autograd.grad: 3 v^2
    System.out.println("d/dv sum(v^3) = " + Arrays.toString(dv.toDoubleArray()));

    Tensor labels = Tensor.of(new long[][] {{0, 2, 1}, {1, 1, 0}});  // int64 [2, 3]
    Tensor scores = Tensor.of(new double[][] {{0.1, 0.7, 0.2}, {0.5, 0.3, 0.2}});
    System.out.println("argmax(dim=1) = " + Arrays.toString(scores.argmax(1).toLongArray())
        + ", labels " + Arrays.toString(labels.shape()) + " " + labels.dtype());
  }
}
