package io.jgrad.nn.train;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static org.junit.jupiter.api.Assertions.*;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stateful objectives and regularizers (Modules): their buffers are saved with the model and the
 * optimizer in one checkpoint, restored (validated first), and moved to the model's device.
 */
class StatefulCheckpointTest {
  /**
   * Cross entropy plus a pull towards a per-sample EMA of past predictions (ELR-like): a table
   * [N, C] indexed by the batch's sample indices, updated after each loss.
   */
  static final class EmaObjective extends Module implements Objective {
    final Tensor table;

    EmaObjective(int n, int classes) { table = registerBuffer("table", untracked(() -> Tensor.zeros(n, classes))); }

    @Override
    public Tensor loss(Tensor out, Batch b) {
      Tensor p = out.softmax(1);
      Tensor target = table.indexSelect(0, b.index());
      Tensor loss = Fixtures.crossEntropy(out, b.y()).add(p.sub(target).pow(2).sum(new int[] {1}, false).mean().mul(0.5));
      if (isTraining()) {
        try (var off = Grad.disabled()) {
          table.copyFrom(table.indexAdd(0, b.index(), p.detach().sub(target).mul(0.3), 1.0));
        }
      }
      return loss;
    }

    @Override
    public Tensor forward(Tensor x) { throw new UnsupportedOperationException("an objective, not a layer"); }
  }

  /** A dual variable: lambda grows with the weights' squared norm after each step; penalty lambda * ||w||^2. */
  static final class Dual extends Module implements Regularizer {
    final Tensor lambda = registerBuffer("lambda", untracked(() -> Tensor.zeros(1)));

    @Override
    public Tensor penalty(Module model, Batch batch, Tensor output) {
      Tensor s = null;
      for (Tensor p : model.parameters()) s = s == null ? p.mul(p).sum() : s.add(p.mul(p).sum());
      return s.mul(lambda.sum());
    }

    @Override
    public void afterStep(Module model, Optimizer optimizer) {
      Tensor s = null;
      for (Tensor p : model.parameters()) s = s == null ? p.mul(p).sum() : s.add(p.mul(p).sum());
      lambda.addInPlace(s.reshape(1), 1e-4);
    }

    @Override
    public Tensor forward(Tensor x) { throw new UnsupportedOperationException("a regularizer, not a layer"); }
  }

  record Run(Module model, Adam opt, EmaObjective obj, Dual dual, Trainer trainer) {}

  private static final TensorDataset DATA = Fixtures.separable(40, 9);

  static Run run(Device device, int epochs, int startEpoch, Callback... cbs) {
    Module m = Fixtures.mlp(3).to(device);
    Adam opt = new Adam(m.parameters(), 0.05);
    EmaObjective obj = new EmaObjective(40, 2);
    Dual dual = new Dual();
    Trainer t = Trainer.builder(m, opt, obj).regularizers(new TrainStepTest.L2(), dual).epochs(epochs).startEpoch(startEpoch).callbacks(cbs).build();
    return new Run(m, opt, obj, dual, t);
  }

  static DataLoader loader() { return DataLoader.builder(DATA, 8).shuffle(true).seed(1).build(); }

  static float[] values(Tensor t) { return t.to(Device.CPU).to(DType.FLOAT32).toFloatArray(); }

  @Test
  void statefulModulesAreSavedRestoredAndResumeTheSameRun(@TempDir Path dir) throws Exception {
    Run a = run(Device.CPU, 2, 1, new CheckpointSaver(dir, 1, "train_loss"));
    assertEquals(Map.of("objective", a.obj(), "regularizer.1", a.dual()), a.trainer().statefulModules());
    a.trainer().fit(loader(), null);
    Checkpoint c = Checkpoint.load(dir.resolve(CheckpointSaver.epochFileName(2)));
    assertEquals(List.of("objective.table", "regularizer.1.lambda"), List.copyOf(c.modules().keySet()));
    assertTrue(values(c.modules().get("regularizer.1.lambda"))[0] > 0, "the dual variable moved");

    Run b = run(Device.CPU, 3, 3);
    b.trainer().restore(c);
    assertArrayEquals(values(a.obj().table), values(b.obj().table));
    assertArrayEquals(values(a.dual().lambda), values(b.dual().lambda));
    for (int i = 0; i < 4; i++) assertArrayEquals(values(a.model().parameters().get(i)), values(b.model().parameters().get(i)));

    // One more epoch from the checkpoint equals a third epoch of the original run (same batches:
    // a loader whose generator has drawn two epochs' orders).
    DataLoader cont = loader();
    cont.iterator().close();
    cont.iterator().close();
    History hb = b.trainer().fit(cont, null);
    Run a3 = run(Device.CPU, 3, 1);
    History h3 = a3.trainer().fit(loader(), null);
    assertEquals(h3.last().trainLoss(), hb.last().trainLoss(), 1e-6);
    assertArrayEquals(values(a3.obj().table), values(b.obj().table), 1e-6f);
  }

  @Test
  void restoreValidatesEverythingBeforeChangingAnything(@TempDir Path dir) throws Exception {
    Run a = run(Device.CPU, 1, 1, new CheckpointSaver(dir, 1, "train_loss"));
    a.trainer().fit(loader(), null);
    Checkpoint c = Checkpoint.load(dir.resolve(CheckpointSaver.epochFileName(1)));

    Module m = Fixtures.mlp(7);
    float[] before = values(m.parameters().get(0));
    Trainer plain = Trainer.builder(m, new Adam(m.parameters(), 0.05), Fixtures::crossEntropy).build();
    var e = assertThrows(IllegalArgumentException.class, () -> plain.restore(c));
    assertTrue(e.getMessage().contains("objective and regularizer state does not match: unexpected [objective.table, regularizer.1.lambda]"),
        e.getMessage());
    assertArrayEquals(before, values(m.parameters().get(0)), "nothing loaded");

    Trainer wrongShape = Trainer.builder(m, new Adam(m.parameters(), 0.05), new EmaObjective(39, 2))
        .regularizers(new TrainStepTest.L2(), new Dual()).build();
    e = assertThrows(IllegalArgumentException.class, () -> wrongShape.restore(c));
    assertTrue(e.getMessage().contains("\"objective.table\" has shape [40, 2] in the checkpoint but [39, 2] here"), e.getMessage());
    Trainer wrongOptimizer = Trainer.builder(m, new io.jgrad.nn.optim.SGD(m.parameters(), 0.1), new EmaObjective(40, 2))
        .regularizers(new TrainStepTest.L2(), new Dual()).build();
    e = assertThrows(IllegalArgumentException.class, () -> wrongOptimizer.restore(c));
    assertTrue(e.getMessage().contains("state is from Adam"), e.getMessage());
    assertArrayEquals(before, values(m.parameters().get(0)), "nothing loaded");
    e = assertThrows(IllegalArgumentException.class,
        () -> new Checkpoint(Map.of(), Map.of(), 0, 0, 0, Map.of(), Map.of("regularizer.x.lambda", Tensor.zeros(1))));
    assertEquals("checkpoint: module tensor \"regularizer.x.lambda\" must start with objective. or regularizer.<i>.", e.getMessage());
  }

  /**
   * On the fake device the objective's table follows the model there (the batch's indices too),
   * the run equals the CPU's, and the checkpoint saved from the device restores onto it.
   */
  @Test
  void statefulModulesFollowTheModelToTheDevice(@TempDir Path dir) throws Exception {
    Run cpu = run(Device.CPU, 2, 1);
    History hc = cpu.trainer().fit(loader(), null);
    Run dev = run(FAKE, 2, 1, new CheckpointSaver(dir, 1, "train_loss"));
    History hd = dev.trainer().fit(loader(), null);
    assertEquals(FAKE, dev.obj().table.device());
    assertEquals(FAKE, dev.dual().lambda.device());
    for (int e = 0; e < 2; e++) assertEquals(hc.epochs().get(e).trainLoss(), hd.epochs().get(e).trainLoss(), 1e-6);
    assertArrayEquals(values(cpu.obj().table), values(dev.obj().table), 1e-6f);

    Run back = run(FAKE, 2, 1);
    back.trainer().restore(Checkpoint.load(dir.resolve(CheckpointSaver.epochFileName(2))));
    assertEquals(FAKE, back.obj().table.device());
    assertArrayEquals(values(dev.obj().table), values(back.obj().table));
    Metrics md = dev.trainer().evaluate(loader()), mb = back.trainer().evaluate(loader());
    assertEquals(md.loss(), mb.loss(), 1e-7);
  }
}
