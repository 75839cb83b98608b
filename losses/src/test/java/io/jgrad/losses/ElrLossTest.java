package io.jgrad.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.Linear;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** elr_loss's per-sample state: which rows move, when, and that it is checkpointed with the model. */
class ElrLossTest {
  static final Tensor Y = Tensor.of(new long[] {0, 2, 1});

  @Test
  void updatesOnlyTheBatchRowsInTraining() {
    ElrLoss m = new ElrLoss(6, 3, 0.7, 3);
    Tensor x = Tensor.randn(new Generator(1), 3, 3);
    Tensor idx = Tensor.of(new long[] {4, 0, 2});
    m.loss(x, new Batch(x, Y, idx, Map.of()));
    Tensor p = x.softmax(1).clamp(1e-4, 1 - 1e-4);
    Tensor expected = p.div(p.sum(new int[] {1}, true)).mul(0.3);
    double[] t = m.table().toDoubleArray();
    double[] e = expected.toDoubleArray();
    int[] rows = {4, 0, 2};
    for (int i = 0; i < 3; i++) {
      for (int c = 0; c < 3; c++) assertEquals(e[i * 3 + c], t[rows[i] * 3 + c], 1e-6);
    }
    for (int r : new int[] {1, 3, 5}) for (int c = 0; c < 3; c++) assertEquals(0.0, t[r * 3 + c], "row " + r + " untouched");
    // evaluation leaves the table alone: grad disabled, or the module in eval mode
    double[] before = m.table().toDoubleArray();
    try (GradMode.Scope off = GradMode.disabled()) {
      m.loss(x, Y, idx);
    }
    m.eval();
    m.loss(x, Y, idx);
    assertArrayEquals(before, m.table().toDoubleArray());
  }

  @Test
  void theTableIsSavedAndRestoredWithTheStateDict() {
    ElrLoss a = new ElrLoss(5, 2, 0.7, 3);
    Tensor x = Tensor.randn(new Generator(2), 2, 2);
    a.loss(x, Tensor.of(new long[] {1, 0}), Tensor.of(new long[] {3, 1}));
    Map<String, Tensor> state = a.stateDict();
    assertTrue(state.containsKey("target"), "the table is a buffer named 'target'");
    ElrLoss b = new ElrLoss(5, 2, 0.7, 3);
    b.loadStateDict(state);
    assertArrayEquals(a.table().toDoubleArray(), b.table().toDoubleArray());
  }

  @Test
  void theTrainerCheckpointsItAsAStatefulObjective() {
    Linear model = new Linear(4, 3);
    ElrLoss elr = new ElrLoss(10, 3, 0.7, 3);
    Trainer t = Trainer.builder(model, new SGD(model.parameters(), 0.1), elr).epochs(1).build();
    assertTrue(t.statefulModules().containsValue(elr), "ELR is among the stateful modules");
    assertEquals(DType.FLOAT32, elr.table().dtype());
  }
}
