package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.losses.Losses;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.optim.AdamW;
import io.jgrad.nn.optim.Clip;
import io.jgrad.nn.optim.LrScheduler;
import io.jgrad.nn.optim.OneCycleLR;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's layers/optimizers/losses snippet, on the digits, kept compiling and checked to learn. */
class ReadmeNnExampleTest {
  record Batch(Tensor x, Tensor y) {}

  @Test
  void readmeLoopTrainsTheDigits() {
    Digits d = Digits.load();
    Generator g = new Generator(5);
    List<Batch> batches = new ArrayList<>();
    Tensor perm = Tensor.randperm(g, 1536);
    for (int i = 0; i < 1536; i += 64) {
      Tensor idx = perm.narrow(0, i, 64);
      batches.add(new Batch(d.images().indexSelect(0, idx), d.labels().indexSelect(0, idx)));
    }
    Module model = new Sequential(new Linear(64, 128), new ReLU(), new Linear(128, 10));
    String summary = model.summary(32, 64);
    assertTrue(summary.contains("9610") || summary.contains("9,610"), summary); // 64*128+128 + 128*10+10
    Optimizer opt = new AdamW(model.parameters(), 1e-3);
    LrScheduler sched = new OneCycleLR(opt, 1e-2, 4 * batches.size());
    double first = Double.NaN, last = Double.NaN;
    for (int epoch = 0; epoch < 4; epoch++) {
      for (Batch b : batches) {
        try (TensorScope s = TensorScope.open()) {
          Tensor loss = Losses.crossEntropy(model.forward(b.x()), b.y());
          opt.zeroGrad();
          loss.backward();
          Clip.gradNorm(model.parameters(), 1.0);
          opt.step();
          sched.step();
          if (Double.isNaN(first)) first = loss.item();
          last = loss.item();
        }
      }
    }
    assertTrue(last < 0.3 * first, "loss " + first + " -> " + last);
  }
}
