package io.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** stateDict round trips, null-grad skipping, scopes, and the optimizers' argument errors. */
class OptimizerStateTest {
  static JsonObject goldenCase(String name) {
    return OptimGoldenData.DOC.getAsJsonArray("optimizers").asList().stream().map(JsonElement::getAsJsonObject)
        .filter(c -> c.get("name").getAsString().equals(name)).findFirst().orElseThrow();
  }

  static List<Tensor> copies(List<Tensor> ps) {
    return ps.stream().map(p -> Tensor.fromArray(p.toDoubleArray(), p.shape()).requiresGrad(true)).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd_nesterov", "adam_amsgrad", "adamw", "rmsprop_centered_momentum", "adagrad_decay"})
  void stateDictRoundTripContinuesIdentically(String name) {
    JsonObject c = goldenCase(name);
    List<Tensor> a = OptimGoldenData.initialParams();
    Optimizer optA = OptimGoldenData.build(c, a);
    OptimizerGoldenTest.run(optA, a, 8);
    optA.setLr(1, optA.getLr(1) * 0.5);
    OptimizerState sd = optA.stateDict();
    List<Tensor> b = copies(a);
    double[] savedFirst = sd.state().get(0).values().iterator().next().toDoubleArray();

    List<double[][]> contA = OptimizerGoldenTest.run(optA, a, 12);
    assertArrayEquals(savedFirst, sd.state().get(0).values().iterator().next().toDoubleArray(), "the snapshot is a copy");
    assertEquals(List.of(8L, 8L, 8L), sd.steps());

    Optimizer optB = OptimGoldenData.build(c, b);
    optB.loadStateDict(sd);
    assertEquals(optA.getLr(1), optB.getLr(1), "group hyperparameters are restored");
    List<double[][]> contB = OptimizerGoldenTest.run(optB, b, 12);
    for (int s = 0; s < 12; s++) for (int i = 0; i < 3; i++) assertArrayEquals(contA.get(s)[i], contB.get(s)[i], name + " step " + s);

    // Without the state, the continuation differs (the test can fail).
    List<Tensor> fresh = copies(b);
    Optimizer optC = OptimGoldenData.build(c, fresh);
    OptimizerGoldenTest.run(optC, fresh, 1);
    assertFalse(java.util.Arrays.equals(contB.get(11)[0], fresh.get(0).toDoubleArray()));
  }

  @Test
  void loadStateDictMismatches() {
    List<Tensor> a = OptimGoldenData.initialParams();
    Optimizer sgd = OptimGoldenData.build(goldenCase("sgd_momentum"), a);
    OptimizerGoldenTest.run(sgd, a, 2);
    OptimizerState sd = sgd.stateDict();

    var e1 = assertThrows(IllegalArgumentException.class, () -> new SGD(copies(a), 0.1).loadStateDict(sd));
    assertTrue(e1.getMessage().contains("2 parameter groups, optimizer has 1"), e1.getMessage());

    List<Tensor> b = copies(a);
    var e2 = assertThrows(IllegalArgumentException.class,
        () -> new Adam(0.1, List.of(new ParamGroup(b.subList(0, 2)), new ParamGroup(b.subList(2, 3)))).loadStateDict(sd));
    assertTrue(e2.getMessage().contains("state is from SGD"), e2.getMessage());

    var e3 = assertThrows(IllegalArgumentException.class,
        () -> new SGD(0.1, List.of(new ParamGroup(b.subList(0, 1)), new ParamGroup(b.subList(1, 3)))).loadStateDict(sd));
    assertTrue(e3.getMessage().contains("group 0 has 2 parameters in the state, 1 in the optimizer"), e3.getMessage());

    Tensor wrong = Tensor.zeros(DType.FLOAT64, 2, 6).requiresGrad(true);
    SGD other = new SGD(0.1, List.of(new ParamGroup(List.of(wrong, b.get(1))), new ParamGroup(b.subList(2, 3))));
    double lrBefore = other.getLr(1);
    var e4 = assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(sd));
    assertTrue(e4.getMessage().contains("has shape [3, 4], parameter has shape [2, 6]"), e4.getMessage());
    assertEquals(lrBefore, other.getLr(1), "a failed load changes nothing");
  }

  @Test
  void nullGradsAreSkippedAndZeroGradClears() {
    Tensor p = Tensor.of(1.0, 2.0).requiresGrad(true);
    Tensor q = Tensor.of(3.0).requiresGrad(true);
    SGD opt = new SGD(List.of(p, q), 0.5, Map.of("momentum", 0.9));
    p.setGrad(Tensor.of(1.0, -1.0));
    opt.step();
    assertArrayEquals(new double[] {0.5, 2.5}, p.toDoubleArray());
    assertArrayEquals(new double[] {3.0}, q.toDoubleArray());
    assertEquals(List.of(1L, 0L), opt.stateDict().steps());
    assertTrue(opt.stateDict().state().get(1).isEmpty());
    opt.zeroGrad();
    assertNull(p.grad());
    opt.step();
    assertArrayEquals(new double[] {0.5, 2.5}, p.toDoubleArray());
  }

  @Test
  void stateOutlivesTheStepScope() {
    Tensor p = Tensor.of(1.0, 2.0).requiresGrad(true);
    Adam opt = new Adam(List.of(p), 0.1);
    for (int i = 0; i < 3; i++) {
      try (TensorScope s = TensorScope.open()) {
        opt.zeroGrad();
        p.mul(p).sum().backward();
        opt.step();
      }
    }
    OptimizerState sd = opt.stateDict();
    assertEquals(3L, sd.steps().get(0));
    assertEquals(java.util.Set.of("exp_avg", "exp_avg_sq"), sd.state().get(0).keySet());
    assertEquals(2, sd.state().get(0).get("exp_avg").numel());
    assertFalse(p.isClosed());
    // Adam's first steps move by ~lr per step: 3 steps from 1.0 towards 0.
    assertEquals(0.7, p.get(0), 5e-3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd_nesterov", "adam_amsgrad", "adamw", "rmsprop_centered_momentum", "adagrad_decay"})
  void stepLeavesNothingInTheCallersScope(String name) {
    List<Tensor> ps = OptimGoldenData.initialParams();
    Optimizer opt = OptimGoldenData.build(goldenCase(name), ps);
    for (int i = 0; i < 3; i++) {
      opt.zeroGrad();
      OptimGoldenData.loss(ps).backward();
      try (TensorScope s = TensorScope.open()) {
        opt.step();
        Clip.gradNorm(ps, 0.5);
        // Temporaries were closed by the step's own scope; state is untracked.
        assertEquals(0, s.tracked(), name + " step " + i);
      }
    }
    for (Map<String, Tensor> st : opt.stateDict().state()) for (Tensor t : st.values()) assertFalse(t.isClosed());
  }

  @Test
  void adamWDecaysDecoupled() {
    Tensor p = Tensor.of(2.0, -4.0).requiresGrad(true);
    AdamW opt = new AdamW(List.of(p), 0.1, Map.of("weightDecay", 0.5));
    p.setGrad(Tensor.zeros(DType.FLOAT64, 2));
    opt.step();
    // Zero gradient: the Adam term is 0, only p *= 1 - lr * wd acts.
    assertArrayEquals(new double[] {2.0 * 0.95, -4.0 * 0.95}, p.toDoubleArray(), 1e-15);
  }

  @Test
  void badOptions() {
    List<Tensor> ps = List.of(Tensor.of(1.0).requiresGrad(true));
    var e1 = assertThrows(IllegalArgumentException.class, () -> new SGD(ps, 0.1, Map.of("momentun", 0.9)));
    assertTrue(e1.getMessage().contains("unknown option 'momentun'"), e1.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> new SGD(ps, -1));
    assertTrue(e2.getMessage().contains("invalid learning rate -1.0"), e2.getMessage());
    var e3 = assertThrows(IllegalArgumentException.class, () -> new SGD(ps, 0.1, Map.of("nesterov", true)));
    assertTrue(e3.getMessage().contains("nesterov"), e3.getMessage());
    var e4 = assertThrows(IllegalArgumentException.class, () -> new Adam(ps, 0.1, Map.of("beta1", 1.0)));
    assertTrue(e4.getMessage().contains("invalid beta1 1.0"), e4.getMessage());
    var e5 = assertThrows(IllegalArgumentException.class, () -> new SGD(ps, 0.1, Map.of("nesterov", 1.0)));
    assertTrue(e5.getMessage().contains("wrong type"), e5.getMessage());
    var e6 = assertThrows(IllegalArgumentException.class, () -> new SGD(0.1, List.of(new ParamGroup(ps), new ParamGroup(ps))));
    assertTrue(e6.getMessage().contains("more than one group"), e6.getMessage());
    var e7 = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(Tensor.of(1L, 2L)), 0.1));
    assertTrue(e7.getMessage().contains("floating point"), e7.getMessage());
    var e8 = assertThrows(IllegalArgumentException.class, () -> new RMSprop(ps, 0.1, Map.of("weightDecay", -0.1)));
    assertTrue(e8.getMessage().contains("invalid weightDecay"), e8.getMessage());
    var e9 = assertThrows(IllegalArgumentException.class, () -> new Adagrad(ps, 0.1, Map.of("lrDecay", -1.0)));
    assertTrue(e9.getMessage().contains("invalid lrDecay"), e9.getMessage());
  }

  @Test
  void schedulerErrors() {
    List<Tensor> ps = List.of(Tensor.of(1.0).requiresGrad(true));
    SGD sgd = new SGD(ps, 0.1);
    var e1 = assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau(sgd).step());
    assertTrue(e1.getMessage().contains("needs the metric"), e1.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> new StepLR(sgd, 3, 0.1).step(1.0));
    assertTrue(e2.getMessage().contains("only for ReduceLROnPlateau"), e2.getMessage());
    var e3 = assertThrows(IllegalArgumentException.class, () -> new OneCycleLR(new Adagrad(ps, 0.1), 1.0, 10));
    assertTrue(e3.getMessage().contains("no momentum or beta1"), e3.getMessage());
    OneCycleLR oc = new OneCycleLR(sgd, 1.0, 3, 0.3, OneCycleLR.Anneal.COS, 25, 1e4, false, 0.85, 0.95);
    for (int i = 0; i < 3; i++) oc.step();
    var e4 = assertThrows(IllegalArgumentException.class, oc::step);
    assertTrue(e4.getMessage().contains("totalSteps is 3"), e4.getMessage());
    var e5 = assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau(sgd, ReduceLROnPlateau.Mode.MIN, 1.0, 1, 0.1,
        ReduceLROnPlateau.ThresholdMode.REL, 0, 0.0));
    assertTrue(e5.getMessage().contains("factor must be in [0, 1)"), e5.getMessage());
    var e6 = assertThrows(IllegalArgumentException.class, () -> new StepLR(sgd, 0, 0.1));
    assertTrue(e6.getMessage().contains("stepSize must be positive"), e6.getMessage());
    var e7 = assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingWarmRestarts(sgd, 0, 1, 0));
    assertTrue(e7.getMessage().contains("t0 must be positive"), e7.getMessage());
  }
}
