package io.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schedules over several groups, per-group minimum lr, and float32 parameters. */
class SchedulerGroupsTest {
  static SGD twoGroups() {
    Tensor a = Tensor.of(1.0).requiresGrad(true);
    Tensor b = Tensor.of(2.0).requiresGrad(true);
    return new SGD(0.1, List.of(new ParamGroup(List.of(a)), new ParamGroup(List.of(b)).set("lr", 0.02)));
  }

  @Test
  void eachGroupKeepsItsBaseLr() {
    SGD opt = twoGroups();
    StepLR s = new StepLR(opt, 2, 0.5);
    for (int i = 0; i < 4; i++) s.step();
    assertArrayEquals(new double[] {0.025, 0.005}, s.getLastLr(), 1e-15);
    SGD opt2 = twoGroups();
    LinearLR w = new LinearLR(opt2, 0.5, 1.0, 4);
    assertArrayEquals(new double[] {0.05, 0.01}, w.getLastLr(), 1e-15);
  }

  @Test
  void plateauPerGroupMinLr() {
    SGD opt = twoGroups();
    ReduceLROnPlateau s = new ReduceLROnPlateau(opt, ReduceLROnPlateau.Mode.MIN, 0.1, 0, 0.0,
        ReduceLROnPlateau.ThresholdMode.ABS, 0, new double[] {0.0, 0.01});
    s.step(1.0);
    s.step(1.0);
    assertArrayEquals(new double[] {0.01, 0.01}, s.getLastLr(), 1e-15);
    s.step(1.0);
    assertArrayEquals(new double[] {0.001, 0.01}, s.getLastLr(), 1e-15);
    assertEquals(1.0, s.best());
  }

  @Test
  void float32ParametersFollowTheFloat64Trajectory() {
    Generator g = new Generator(5);
    Tensor w64 = Tensor.randn(g, DType.FLOAT64, 17).requiresGrad(true);
    Tensor w32 = w64.detach().to(DType.FLOAT32).requiresGrad(true);
    Adam o64 = new Adam(List.of(w64), 0.05);
    Adam o32 = new Adam(List.of(w32), 0.05);
    for (int i = 0; i < 20; i++) {
      for (var pair : List.of(List.<Object>of(o64, w64), List.<Object>of(o32, w32))) {
        Optimizer o = (Optimizer) pair.get(0);
        Tensor w = (Tensor) pair.get(1);
        o.zeroGrad();
        w.sub(0.5).pow(2.0).sum().backward();
        o.step();
      }
    }
    assertEquals(DType.FLOAT32, w32.dtype());
    // float32 rounding over 20 steps: compare at float32 tolerances (STYLE.md section 11).
    assertArrayEquals(w64.toDoubleArray(), w32.toDoubleArray(), 1e-4);
  }
}
