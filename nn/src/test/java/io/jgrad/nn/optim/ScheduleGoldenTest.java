package io.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * lr (and momentum for one-cycle) sequences vs torch.optim.lr_scheduler. Tolerance 1e-12 relative:
 * PyTorch computes StepLR, ExponentialLR, CosineAnnealingLR and LinearLR recursively (lr from the
 * previous lr), jgrad in closed form; they agree to rounding accumulated over the steps.
 */
class ScheduleGoldenTest {
  static final double TOL = 1e-12;

  static final Map<String, Function<Optimizer, LrScheduler>> MAKERS = Map.ofEntries(
      Map.entry("step", o -> new StepLR(o, 7, 0.5)),
      Map.entry("multistep", o -> new MultiStepLR(o, new int[] {12, 5, 30}, 0.3)),
      Map.entry("exponential", o -> new ExponentialLR(o, 0.93)),
      Map.entry("cosine", o -> new CosineAnnealingLR(o, 25, 0.001)),
      Map.entry("cosine_warm_restarts", o -> new CosineAnnealingWarmRestarts(o, 5, 2, 0.002)),
      Map.entry("cosine_warm_restarts_t1", o -> new CosineAnnealingWarmRestarts(o, 7, 1, 0.0)),
      Map.entry("linear", o -> new LinearLR(o, 0.1, 1.0, 10)),
      Map.entry("linear_down", o -> new LinearLR(o, 1.0, 0.25, 12)),
      Map.entry("plateau_min_rel", o -> new ReduceLROnPlateau(o, ReduceLROnPlateau.Mode.MIN, 0.5, 3, 1e-2,
          ReduceLROnPlateau.ThresholdMode.REL, 2, 0.004)),
      Map.entry("plateau_max_abs", o -> new ReduceLROnPlateau(o, ReduceLROnPlateau.Mode.MAX, 0.3, 2, 0.05,
          ReduceLROnPlateau.ThresholdMode.ABS, 0, 0.0)),
      Map.entry("onecycle_cos", o -> new OneCycleLR(o, 1.0, 50)),
      Map.entry("onecycle_linear", o -> new OneCycleLR(o, 0.5, 40, 0.4, OneCycleLR.Anneal.LINEAR, 10, 100, true, 0.8, 0.9)),
      Map.entry("onecycle_adam", o -> new OneCycleLR(o, 0.01, 30, 0.25, OneCycleLR.Anneal.COS, 25, 1e4, true, 0.85, 0.95)),
      Map.entry("onecycle_nomomentum", o -> new OneCycleLR(o, 0.2, 35, 0.3, OneCycleLR.Anneal.COS, 25, 1e4, false, 0.85, 0.95)));

  static void close(String what, double e, double a) {
    assertTrue(Math.abs(e - a) <= TOL * Math.max(1e-3, Math.abs(e)), what + ": expected " + e + " got " + a);
  }

  static Optimizer optimizerFor(JsonObject c) {
    List<Tensor> ps = List.of(Tensor.zeros(1).requiresGrad(true));
    JsonObject args = c.getAsJsonObject("optimizerArgs");
    double lr = args.get("lr").getAsDouble();
    return switch (c.get("optimizer").getAsString()) {
      case "SGD" -> args.has("momentum") ? new SGD(ps, lr, Map.of("momentum", args.get("momentum").getAsDouble())) : new SGD(ps, lr);
      case "Adam" -> new Adam(ps, lr);
      default -> throw new IllegalArgumentException(c.get("optimizer").getAsString());
    };
  }

  @TestFactory
  Stream<DynamicTest> schedules() {
    var cases = OptimGoldenData.DOC.getAsJsonArray("schedules");
    assertEquals(MAKERS.size(), cases.size(), "every golden schedule has a Java maker");
    return cases.asList().stream().map(JsonElement::getAsJsonObject).map(c -> DynamicTest.dynamicTest(c.get("name").getAsString(), () -> {
      String name = c.get("name").getAsString();
      Optimizer opt = optimizerFor(c);
      LrScheduler s = MAKERS.get(name).apply(opt);
      double[] lrs = OptimGoldenData.doubles(c.get("lr"));
      double[] moms = c.has("momentum") ? OptimGoldenData.doubles(c.get("momentum")) : null;
      double[] metrics = c.has("metrics") ? OptimGoldenData.doubles(c.get("metrics")) : null;
      String momKey = opt instanceof Adam ? "beta1" : "momentum";
      for (int i = 0; i < lrs.length; i++) {
        if (i > 0) {
          if (metrics != null) s.step(metrics[i - 1]);
          else s.step();
        }
        close(name + " lr at step " + i, lrs[i], s.getLastLr()[0]);
        if (moms != null) close(name + " momentum at step " + i, moms[i], opt.paramGroups().get(0).get(momKey));
      }
    }));
  }
}
