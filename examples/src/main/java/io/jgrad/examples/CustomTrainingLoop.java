package io.jgrad.examples;

import io.jgrad.losses.Losses;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Tanh;
import io.jgrad.nn.optim.Clip;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.SGD;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.Map;

/** A hand-written training loop, as in PyTorch: zero_grad, forward, loss, backward, clip, step. */
public final class CustomTrainingLoop {
  public static void main(String[] args) {
    Tensor.manualSeed(1);
    Tensor x = Tensor.randn(256, 8);
    Tensor y = x.matmul(Tensor.randn(8, 1)).mul(0.3).sin().add(Tensor.randn(256, 1).mul(0.05));   // sin(0.3 x w) + noise
    Module model = new Sequential(new Linear(8, 32), new Tanh(), new Linear(32, 1));
    Optimizer opt = new SGD(model.parameters(), 0.05, Map.of("momentum", 0.9));
    for (int epoch = 0; epoch < 60; epoch++) {
      double total = 0;
      for (int start = 0; start < 256; start += 64) {
        try (TensorScope scope = TensorScope.open()) {                 // frees this step's temporaries
          Tensor xb = x.narrow(0, start, 64), yb = y.narrow(0, start, 64);
          opt.zeroGrad();
          Tensor loss = Losses.mseLoss(model.forward(xb), yb);       // F.mse_loss(input, target)
          loss.backward();
          Clip.gradNorm(model.parameters(), 1.0);
          opt.step();
          total += loss.item();
        }
      }
      if (epoch % 10 == 0 || epoch == 59) System.out.printf("epoch %2d  mse %.8f%n", epoch, total / 4);
    }
  }
}
