package io.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Optimizer trajectories vs torch.optim: 20 steps, every parameter after every step. */
class OptimizerGoldenTest {
  static final double ATOL = 1e-9;
  static final double RTOL = 1e-7;

  static void assertClose(String what, double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i], a = actual[i];
      assertTrue(Math.abs(e - a) <= ATOL + RTOL * Math.abs(e), what + "[" + i + "]: expected " + e + " got " + a);
    }
  }

  /** Runs {@code steps} steps of the case's optimizer and returns the params after each step. */
  static List<double[][]> run(Optimizer opt, List<Tensor> ps, int steps) {
    List<double[][]> out = new ArrayList<>();
    for (int s = 0; s < steps; s++) {
      opt.zeroGrad();
      OptimGoldenData.loss(ps).backward();
      opt.step();
      double[][] snap = new double[ps.size()][];
      for (int i = 0; i < ps.size(); i++) snap[i] = ps.get(i).toDoubleArray();
      out.add(snap);
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> trajectories() {
    JsonArray cases = OptimGoldenData.DOC.getAsJsonArray("optimizers");
    assertTrue(cases.size() >= 17, "optimizer cases: " + cases.size());
    return cases.asList().stream().map(JsonElement::getAsJsonObject).map(c -> DynamicTest.dynamicTest(c.get("name").getAsString(), () -> {
      List<Tensor> ps = OptimGoldenData.initialParams();
      Optimizer opt = OptimGoldenData.build(c, ps);
      JsonArray traj = c.getAsJsonArray("trajectory");
      List<double[][]> got = run(opt, ps, traj.size());
      assertEquals(20, traj.size());
      for (int s = 0; s < traj.size(); s++) {
        JsonArray step = traj.get(s).getAsJsonArray();
        for (int i = 0; i < 3; i++) {
          assertClose(c.get("name").getAsString() + " step " + (s + 1) + " param " + i, OptimGoldenData.doubles(step.get(i)), got.get(s)[i]);
        }
      }
    }));
  }

  @Test
  void groupsKeepTheirOwnHyperparameters() {
    JsonObject c = OptimGoldenData.DOC.getAsJsonArray("optimizers").get(2).getAsJsonObject();
    Optimizer opt = OptimGoldenData.build(c, OptimGoldenData.initialParams());
    assertEquals(0.1, opt.getLr(0));
    assertEquals(0.05, opt.getLr(1));
    assertEquals(0.8, opt.paramGroups().get(0).get("momentum"));
    assertEquals(0.5, opt.paramGroups().get(1).get("momentum"));
    assertEquals(0.01, opt.paramGroups().get(1).get("weightDecay"));
  }
}
