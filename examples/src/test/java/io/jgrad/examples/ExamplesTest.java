package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example's main and checks what it prints, so the examples cannot rot. */
class ExamplesTest {
  static double[] parseArray(List<String> lines, String key) {
    String l = lines.stream().filter(s -> s.startsWith(key)).findFirst().orElseThrow();
    String body = l.substring(l.indexOf('[') + 1, l.indexOf(']'));
    return Arrays.stream(body.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
  }

  @Test
  void tensorsAndAutograd() throws Exception {
    List<String> out = Run.main(TensorsAndAutograd::main);
    assertTrue(out.contains("d/dv sum(v^3) = [3.0, 12.0, 27.0]"), out.toString());
    assertTrue(out.contains("argmax(dim=1) = [1, 0], labels [2, 3] int64"), out.toString());
    // the printed gradients against the formula in plain Java: L = mean(relu(x w + b)^2) over 8 values,
    // dL/dw = x^T (2 y / 8), dL/db = column sums of 2 y / 8, with y = 0 where x w + b <= 0
    Tensor.manualSeed(0);
    float[] x = Tensor.randn(4, 3).toFloatArray();
    double[][] w = {{1, 0}, {0, 1}, {1, 1}};
    double[] b = {0.5, -0.5}, gw = new double[6], gb = new double[2];
    double loss = 0;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 2; j++) {
        double pre = b[j];
        for (int k = 0; k < 3; k++) pre += x[i * 3 + k] * w[k][j];
        double y = Math.max(pre, 0);
        loss += y * y / 8;
        gb[j] += 2 * y / 8;
        for (int k = 0; k < 3; k++) gw[k * 2 + j] += x[i * 3 + k] * 2 * y / 8;
      }
    }
    assertEquals(loss, Run.number(out, "loss = "), 1e-5);
    assertArrayEquals(gw, parseArray(out, "dloss/dw"), 1e-5);
    assertArrayEquals(gb, parseArray(out, "dloss/db"), 1e-5);
  }

  @Test
  void trainWithTrainer() throws Exception {
    List<String> out = Run.main(TrainWithTrainer::main);
    assertEquals(15, (int) Run.number(out, "epochs"));
    double acc = Run.number(out, "test accuracy");
    assertTrue(acc >= 0.93, "three well separated blobs: accuracy " + acc);
    assertTrue(Run.number(out, "last train loss") < 0.3, out.toString());
  }

  @Test
  void customTrainingLoop() throws Exception {
    List<String> out = Run.main(CustomTrainingLoop::main);
    double first = Run.number(out, "epoch  0  mse"), last = Run.number(out, "epoch 59  mse");
    assertTrue(last < first / 5, "the loss falls: " + first + " -> " + last);
    assertEquals(7, out.size(), out.toString());
  }

  @Test
  void saveAndLoad(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("m.safetensors");
    List<String> out = Run.main(SaveAndLoad::main, f.toString());
    assertTrue(Files.size(f) > 0);
    assertTrue(out.get(0).contains("optimizer state of parameter 0: [exp_avg, exp_avg_sq]"), out.get(0));
    assertTrue(out.get(0).contains("model keys [0.weight, 0.bias, 2.weight, 2.bias]"), out.get(0));
    assertEquals(0.0, Run.number(out, "same predictions after loading:"));
    assertEquals(0.0, Run.number(out, "same predictions after one more step:"));
  }

  @Test
  void catalogLoss() throws Exception {
    List<String> out = Run.main(CatalogLoss::main);
    assertTrue(out.get(0).startsWith(CatalogLoss.SPEC + ": "), out.get(0));
    double acc = Run.number(out, "test accuracy");
    assertTrue(acc >= 0.93, "accuracy " + acc);
  }
}
