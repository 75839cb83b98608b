package io.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * SGDW (catalog component adamw, variant sgdw) against a float64 PyTorch reimplementation of the
 * authors' code over 20 steps under a cosine lr schedule, and OneCycleLR's three-phase and
 * per-group forms (catalog component one_cycle_schedule) against torch 1.13
 * (tools/golden/gen_catalog_optimization.py, golden/optim_train.json).
 */
class SgdwAndOneCycleGoldenTest {
  static final JsonObject DOC = load();

  private static JsonObject load() {
    try (InputStream in = SgdwAndOneCycleGoldenTest.class.getResourceAsStream("/golden/optim_train.json")) {
      if (in == null) throw new IllegalStateException("golden/optim_train.json missing: run tools/golden/gen_catalog_optimization.py");
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static SGDW sgdw(JsonObject c, List<Tensor> ps) {
    JsonArray groups = c.getAsJsonArray("groups");
    List<List<Tensor>> split = List.of(List.of(ps.get(0), ps.get(1)), List.of(ps.get(2)));
    List<ParamGroup> gs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ParamGroup g = new ParamGroup(split.get(i));
      OptimGoldenData.apply(g, groups.get(i).getAsJsonObject());
      gs.add(g);
    }
    return new SGDW(gs.get(0).lr(), gs);
  }

  @TestFactory
  Stream<DynamicTest> sgdwTrajectories() {
    JsonArray cases = DOC.getAsJsonArray("sgdw");
    assertEquals(6, cases.size());
    return cases.asList().stream().map(JsonElement::getAsJsonObject).map(c -> DynamicTest.dynamicTest(c.get("name").getAsString(), () -> {
      assertEquals("adamw", c.get("component").getAsString());
      List<Tensor> ps = OptimGoldenData.initialParams();
      SGDW opt = sgdw(c, ps);
      JsonArray lrs = c.getAsJsonArray("lr");
      JsonArray traj = c.getAsJsonArray("trajectory");
      assertEquals(20, traj.size());
      for (int s = 0; s < traj.size(); s++) {
        double[] lr = OptimGoldenData.doubles(lrs.get(s));
        for (int g = 0; g < 2; g++) opt.setLr(g, lr[g]);
        opt.zeroGrad();
        OptimGoldenData.loss(ps).backward();
        opt.step();
        JsonArray step = traj.get(s).getAsJsonArray();
        for (int i = 0; i < 3; i++) {
          OptimizerGoldenTest.assertClose(c.get("name").getAsString() + " step " + (s + 1) + " param " + i,
              OptimGoldenData.doubles(step.get(i)), ps.get(i).toDoubleArray());
        }
      }
    }));
  }

  /** Without decay SGDW is SGD; with it, the decay follows lr / initialLr, not lr. */
  @Test
  void sgdwIsSgdWithoutDecayAndItsDecayFollowsTheScheduleMultiplier() {
    List<Tensor> a = OptimGoldenData.initialParams(), b = OptimGoldenData.initialParams();
    Optimizer sgd = new SGD(a, 0.1, Map.of("momentum", 0.9, "nesterov", true));
    Optimizer sgdw = new SGDW(b, 0.1, Map.of("momentum", 0.9, "nesterov", true));
    for (int s = 0; s < 5; s++) {
      for (var pair : List.of(Map.entry(sgd, a), Map.entry(sgdw, b))) {
        pair.getKey().zeroGrad();
        OptimGoldenData.loss(pair.getValue()).backward();
        pair.getKey().step();
      }
    }
    for (int i = 0; i < 3; i++) assertArrayEquals(a.get(i).toDoubleArray(), b.get(i).toDoubleArray(), 0.0);

    // Hand-computed: one scalar weight w = 2 with loss 0 (zero gradient), weightDecay 0.5, lr
    // halved after the first step: w1 = 2 - 1 * 0.5 * 2 = 1; w2 = 1 - 0.5 * 0.5 * 1 = 0.75.
    Tensor w = Tensor.of(2.0).requiresGrad(true);
    SGDW o = new SGDW(List.of(w), 0.4, Map.of("momentum", 0.9, "weightDecay", 0.5));
    w.mul(0.0).sum().backward();
    o.step();
    assertEquals(1.0, w.toDoubleArray()[0], 1e-15);
    o.setLr(0, 0.2);
    o.step();
    assertEquals(0.75, w.toDoubleArray()[0], 1e-15);
    assertEquals(0.4, o.paramGroups().get(0).get("initialLr"));
  }

  @Test
  void sgdwRejectsBadOptions() {
    List<Tensor> ps = OptimGoldenData.initialParams();
    var e = assertThrows(IllegalArgumentException.class, () -> new SGDW(ps, 0.0, Map.of("weightDecay", 0.1)));
    assertTrue(e.getMessage().contains("SGDW: initialLr must be > 0 with a weightDecay"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SGDW(ps, 0.1, Map.of("nesterov", true)));
    assertTrue(e.getMessage().contains("SGDW: nesterov momentum requires a momentum"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SGDW(ps, 0.1, Map.of("weightDecay", -1.0)));
    assertTrue(e.getMessage().contains("SGDW: invalid weightDecay -1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SGDW(ps, 0.1, Map.of("momentum", -0.5)));
    assertTrue(e.getMessage().contains("SGDW: invalid momentum -0.5"), e.getMessage());
  }

  static OneCycleLR oneCycle(Optimizer o, JsonObject args) {
    OneCycleLR.Builder b = OneCycleLR.builder(o, args.get("total_steps").getAsInt()).maxLrs(OptimGoldenData.doubles(args.get("max_lr")));
    if (args.has("pct_start")) b.pctStart(args.get("pct_start").getAsDouble());
    if (args.has("anneal_strategy")) b.anneal(OneCycleLR.Anneal.valueOf(args.get("anneal_strategy").getAsString().toUpperCase()));
    if (args.has("three_phase")) b.threePhase(args.get("three_phase").getAsBoolean());
    if (args.has("div_factor")) b.divFactor(args.get("div_factor").getAsDouble());
    if (args.has("final_div_factor")) b.finalDivFactor(args.get("final_div_factor").getAsDouble());
    if (args.has("base_momentum")) b.baseMomentum(args.get("base_momentum").getAsDouble());
    if (args.has("max_momentum")) b.maxMomentum(args.get("max_momentum").getAsDouble());
    if (args.has("cycle_momentum")) b.cycleMomentum(args.get("cycle_momentum").getAsBoolean());
    return b.build();
  }

  @TestFactory
  Stream<DynamicTest> oneCycleSchedules() {
    JsonArray cases = DOC.getAsJsonArray("schedules");
    assertEquals(4, cases.size());
    return cases.asList().stream().map(JsonElement::getAsJsonObject).map(c -> DynamicTest.dynamicTest(c.get("name").getAsString(), () -> {
      assertEquals("one_cycle_schedule", c.get("component").getAsString());
      String name = c.get("name").getAsString();
      int groups = c.get("groups").getAsInt();
      List<ParamGroup> gs = new ArrayList<>();
      for (int g = 0; g < groups; g++) gs.add(new ParamGroup(List.of(Tensor.zeros(1).requiresGrad(true))));
      Optimizer opt = c.get("optimizer").getAsString().equals("Adam") ? new Adam(0.001, gs) : new SGD(0.1, gs);
      if (opt instanceof SGD) for (ParamGroup g : gs) g.set("momentum", 0.9);
      OneCycleLR s = oneCycle(opt, c.getAsJsonObject("args"));
      JsonArray lrs = c.getAsJsonArray("lr");
      double[] moms = c.has("momentum") ? OptimGoldenData.doubles(c.get("momentum")) : null;
      for (int i = 0; i < lrs.size(); i++) {
        if (i > 0) s.step();
        double[] want = OptimGoldenData.doubles(lrs.get(i));
        double[] got = s.getLastLr();
        for (int g = 0; g < groups; g++) ScheduleGoldenTest.close(name + " lr of group " + g + " at step " + i, want[g], got[g]);
        if (moms != null) {
          String key = opt instanceof Adam ? "beta1" : "momentum";
          ScheduleGoldenTest.close(name + " momentum at step " + i, moms[i], opt.paramGroups().get(0).get(key));
        }
      }
      s.step(); // step totalSteps is allowed, as torch (its lr extrapolates the last phase)
      assertThrows(IllegalArgumentException.class, s::step, "stepping past totalSteps throws");
    }));
  }

  @Test
  void oneCycleRejectsAWrongNumberOfMaxLrs() {
    List<ParamGroup> gs = List.of(new ParamGroup(List.of(Tensor.zeros(1))), new ParamGroup(List.of(Tensor.zeros(1))));
    SGD opt = new SGD(0.1, gs);
    var e = assertThrows(IllegalArgumentException.class, () -> OneCycleLR.builder(opt, 10).maxLrs(0.1, 0.2, 0.3).cycleMomentum(false).build());
    assertTrue(e.getMessage().contains("expected 1 or 2 maxLr values (one per parameter group), got 3 [0.1, 0.2, 0.3]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> OneCycleLR.builder(opt, 10).cycleMomentum(false).build());
    assertTrue(e.getMessage().contains("maxLr is required"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> OneCycleLR.builder(opt, 10).maxLr(-1).cycleMomentum(false).build());
    assertTrue(e.getMessage().contains("maxLr must be >= 0, got -1.0 for group 0"), e.getMessage());
  }
}
