package io.jgrad.losses.catalog;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jgrad.nn.optim.LrScheduler;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.ParamGroup;
import io.jgrad.nn.optim.SGD;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * adamw (variants adamw and sgdw) and one_cycle_schedule built by the registry from their catalog
 * parameters, against torch 1.13 (AdamW, OneCycleLR) and a float64 reimplementation of the
 * authors' SGDW code (tools/golden/gen_catalog_optimization.py, golden/catalog/optimization.json):
 * 20 steps of a small float64 problem, every parameter after every step (atol 1e-9 + rtol 1e-7);
 * every lr and momentum of the schedule (rtol 1e-12).
 */
class CatalogOptimizationGoldenTest {
  static final JsonObject DOC = load();

  private static JsonObject load() {
    try (InputStream in = CatalogOptimizationGoldenTest.class.getResourceAsStream("/golden/catalog/optimization.json")) {
      if (in == null) throw new IllegalStateException("golden/catalog/optimization.json missing: run tools/golden/gen_catalog_optimization.py");
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static double[] doubles(JsonElement e) {
    JsonArray a = e.getAsJsonArray();
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = a.get(i).getAsDouble();
    return out;
  }

  /** w1 [3, 4], b1 [4], w2 [4] at the problem's start (float64, requiring grad). */
  static List<Tensor> params() {
    JsonObject p = DOC.getAsJsonObject("problem");
    return List.of(Tensor.fromArray(doubles(p.get("w1")), 3, 4).requiresGrad(true), Tensor.fromArray(doubles(p.get("b1")), 4).requiresGrad(true),
        Tensor.fromArray(doubles(p.get("w2")), 4).requiresGrad(true));
  }

  /** mean((tanh(x @ w1 + b1) @ w2 - y)^2) + 0.1 * sum((1 - w2)^2), as the generator. */
  static Tensor loss(List<Tensor> ps) {
    JsonObject p = DOC.getAsJsonObject("problem");
    Tensor r = Tensor.fromArray(doubles(p.get("x")), 6, 3).matmul(ps.get(0)).add(ps.get(1)).tanh().matmul(ps.get(2))
        .sub(Tensor.fromArray(doubles(p.get("y")), 6));
    Tensor reg = ps.get(2).neg().add(1.0);
    return r.mul(r).mean().add(reg.mul(reg).sum().mul(0.1));
  }

  @TestFactory
  Stream<DynamicTest> optimizersAndSchedules() {
    JsonArray cases = DOC.getAsJsonArray("cases");
    assertEquals(7, cases.size());
    return cases.asList().stream().map(JsonElement::getAsJsonObject).map(c -> DynamicTest.dynamicTest(c.get("spec").getAsString(), () -> {
      if (c.get("kind").getAsString().equals("optimizer")) optimizer(c);
      else schedule(c);
    }));
  }

  private static void optimizer(JsonObject c) {
    String spec = c.get("spec").getAsString();
    List<Tensor> ps = params();
    Optimizer opt = Catalog.create(spec, Kind.OPTIMIZER, OptimizerFactory.class).create(ps);
    double[] lrs = c.has("lr") ? doubles(c.get("lr")) : null;
    JsonArray traj = c.getAsJsonArray("trajectory");
    for (int s = 0; s < traj.size(); s++) {
      if (lrs != null) opt.setLr(0, lrs[s]);
      opt.zeroGrad();
      loss(ps).backward();
      opt.step();
      for (int i = 0; i < 3; i++) {
        double[] want = doubles(traj.get(s).getAsJsonArray().get(i)), got = ps.get(i).toDoubleArray();
        for (int k = 0; k < want.length; k++) {
          assertTrue(Math.abs(want[k] - got[k]) <= 1e-9 + 1e-7 * Math.abs(want[k]),
              spec + " step " + (s + 1) + " param " + i + "[" + k + "]: expected " + want[k] + " got " + got[k]);
        }
      }
    }
  }

  private static void schedule(JsonObject c) {
    String spec = c.get("spec").getAsString();
    double[] groupLr = doubles(c.get("groupLr"));
    List<ParamGroup> gs = new ArrayList<>();
    for (double lr : groupLr) gs.add(new ParamGroup(List.of(Tensor.zeros(1))).set("lr", lr).set("momentum", 0.9));
    SGD opt = new SGD(0.1, gs);
    LrScheduler s = Catalog.create(spec, Kind.SCHEDULE, ScheduleFactory.class).create(opt, c.get("totalSteps").getAsLong());
    JsonArray lrs = c.getAsJsonArray("lr");
    double[] moms = c.has("momentum") ? doubles(c.get("momentum")) : null;
    for (int i = 0; i < lrs.size(); i++) {
      if (i > 0) s.step();
      double[] want = doubles(lrs.get(i)), got = s.getLastLr();
      for (int g = 0; g < want.length; g++) {
        assertEquals(want[g], got[g], 1e-12 * Math.max(1e-3, Math.abs(want[g])), spec + " lr of group " + g + " at step " + i);
      }
      if (moms != null) assertEquals(moms[i], opt.paramGroups().get(0).get("momentum"), 1e-12, spec + " momentum at step " + i);
    }
  }
}
