package io.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.Linear;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.optim.OptimizerState;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model + Adam state through a checkpoint file: resuming continues the exact same trajectory. */
class OptimizerStatesTest {
  @TempDir Path dir;

  private static final Tensor X = Tensor.fromArray(new float[] {1, -2, 0.5f, 3, 0, -1}, 2, 3);

  private static void step(Linear m, Adam opt) {
    opt.zeroGrad();
    Tensor y = m.forward(X);
    y.mul(y).sum().backward();
    opt.step();
  }

  @Test
  void resumeContinuesTheSameTrajectory() throws IOException {
    Linear a = new Linear(3, 2, true, new Generator(11));
    Adam optA = new Adam(a.parameters(), 0.05, Map.of("amsgrad", true));
    for (int i = 0; i < 3; i++) step(a, optA);
    OptimizerState sd = optA.stateDict();
    Map<String, String> meta = new LinkedHashMap<>(OptimizerStates.metadata(sd));
    meta.put("epoch", "1");
    Path f = dir.resolve("resume.safetensors");
    new Checkpoint(a.stateDict(), OptimizerStates.tensors(sd), 3, 11, 0, meta).save(f);

    Linear b = new Linear(3, 2, true, new Generator(99));
    Adam optB = new Adam(b.parameters(), 0.5);
    Checkpoint c = Checkpoint.load(f);
    OptimizerState back = OptimizerStates.fromCheckpoint(c);
    assertEquals(sd.optimizer(), back.optimizer());
    assertEquals(sd.steps(), back.steps());
    assertEquals(sd.groupSizes(), back.groupSizes());
    assertEquals(sd.groups(), back.groups(), "options keep their values and Java types");
    c.loadInto(b.stateDict());
    optB.loadStateDict(back);

    step(a, optA);
    step(b, optB);
    for (String k : a.stateDict().keySet()) {
      assertArrayEquals(a.stateDict().get(k).toFloatArray(), b.stateDict().get(k).toFloatArray(), k);
    }
  }

  @Test
  void malformedDescriptionIsAClearError() {
    Checkpoint none = new Checkpoint(Map.of(), Map.of(), 0, 0, 0, Map.of());
    var e = assertThrows(IllegalArgumentException.class, () -> OptimizerStates.fromCheckpoint(none));
    assertTrue(e.getMessage().contains("metadata optim.json is missing"), e.getMessage());
    Checkpoint badJson = new Checkpoint(Map.of(), Map.of(), 0, 0, 0, Map.of(OptimizerStates.METADATA_KEY, "{"));
    e = assertThrows(IllegalArgumentException.class, () -> OptimizerStates.fromCheckpoint(badJson));
    assertTrue(e.getMessage().contains("optim.json is not valid JSON"), e.getMessage());
    String ok = "{\"optimizer\":\"Adam\",\"steps\":[1],\"groupSizes\":[1],\"groups\":[{\"lr\":[\"double\",\"x\"]}]}";
    Checkpoint badOpt = new Checkpoint(Map.of(), Map.of(), 0, 0, 0, Map.of(OptimizerStates.METADATA_KEY, ok));
    e = assertThrows(IllegalArgumentException.class, () -> OptimizerStates.fromCheckpoint(badOpt));
    assertTrue(e.getMessage().contains("option 'lr': \"x\" is not a double"), e.getMessage());
    String good = ok.replace("\"x\"", "\"0.1\"");
    Checkpoint badKey = new Checkpoint(Map.of(), Map.of("state.5.exp_avg", Tensor.of(1f)), 0, 0, 0, Map.of(OptimizerStates.METADATA_KEY, good));
    e = assertThrows(IllegalArgumentException.class, () -> OptimizerStates.fromCheckpoint(badKey));
    assertTrue(e.getMessage().contains("\"state.5.exp_avg\" is not state.<i>.<key> with i < 1"), e.getMessage());
    Checkpoint fine = new Checkpoint(Map.of(), Map.of("state.0.exp_avg", Tensor.of(1f)), 0, 0, 0, Map.of(OptimizerStates.METADATA_KEY, good));
    OptimizerState s = OptimizerStates.fromCheckpoint(fine);
    assertEquals(List.of(Map.of("lr", 0.1)), s.groups());
    assertEquals(List.of("exp_avg"), List.copyOf(s.state().get(0).keySet()));
  }
}
