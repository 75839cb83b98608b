package io.jgrad.cli;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The engine demo (until the autograd-based training command lands): multinomial logistic
 * regression on the embedded digits, trained by mini-batch SGD with the gradient written out
 * by hand, {@code dL/dW = X^T (softmax(XW + b) - onehot(y)) / n}. Exercises matmul, softmax,
 * reductions, indexing, random permutation and in-place updates, and reuses memory through
 * {@link TensorScope}.
 */
public final class SoftmaxDemo {
  /** What the run ended with. */
  public record Result(double trainLoss, double testAccuracy, double seconds) {}

  private SoftmaxDemo() {}

  public static Result run(int epochs, int batch, double lr, long seed, PrintStream log) {
    long t0 = System.nanoTime();
    Generator g = new Generator(seed);
    Digits data = Digits.load();
    int n = data.size(), nTrain = n * 4 / 5;
    Tensor perm = Tensor.randperm(g, n);
    Tensor x = data.images().indexSelect(0, perm), y = data.labels().indexSelect(0, perm);
    Tensor xTrain = x.narrow(0, 0, nTrain), yTrain = y.narrow(0, 0, nTrain);
    Tensor xTest = x.narrow(0, nTrain, n - nTrain), yTest = y.narrow(0, nTrain, n - nTrain);
    Tensor w = Tensor.randn(g, Digits.FEATURES, Digits.CLASSES).mul(0.01);
    Tensor b = Tensor.zeros(Digits.CLASSES);
    log.printf(Locale.ROOT, "digits: %d train / %d test images of 8x8, %d classes; softmax regression, SGD lr=%.3g batch=%d%n",
        nTrain, n - nTrain, Digits.CLASSES, lr, batch);
    double loss = Double.NaN;
    for (int epoch = 1; epoch <= epochs; epoch++) {
      double total = 0;
      int batches = 0;
      try (TensorScope scope = TensorScope.open()) {
        Tensor order = Tensor.randperm(g, nTrain);
        for (int start = 0; start < nTrain; start += batch) {
          int m = Math.min(batch, nTrain - start);
          try (TensorScope step = TensorScope.open()) {
            Tensor idx = order.narrow(0, start, m);
            Tensor xb = xTrain.indexSelect(0, idx), yb = yTrain.indexSelect(0, idx);
            Tensor logits = xb.matmul(w).add(b);
            Tensor logp = logits.logSoftmax(1);
            total += logp.gather(1, yb.unsqueeze(1)).mean().item() * -1;
            Tensor delta = logp.exp().sub(yb.oneHot(Digits.CLASSES).to(DType.FLOAT32)).div(m);
            w.addInPlace(xb.t().matmul(delta), -lr);
            b.addInPlace(delta.sum(0), -lr);
            batches++;
          }
        }
      }
      loss = total / batches;
      if (epoch == 1 || epoch % 5 == 0 || epoch == epochs) {
        log.printf(Locale.ROOT, "epoch %3d  train loss %.4f  test accuracy %.2f%%%n", epoch, loss,
            100 * accuracy(xTest, yTest, w, b));
      }
    }
    double acc = accuracy(xTest, yTest, w, b);
    double secs = (System.nanoTime() - t0) / 1e9;
    log.printf(Locale.ROOT, "done in %.2f s: final train loss %.4f, test accuracy %.2f%%%n", secs, loss, 100 * acc);
    return new Result(loss, acc, secs);
  }

  static double accuracy(Tensor x, Tensor y, Tensor w, Tensor b) {
    try (TensorScope s = TensorScope.open()) {
      Tensor pred = x.matmul(w).add(b).argmax(1, false);
      return pred.eq(y).to(DType.FLOAT32).mean().item();
    }
  }
}
