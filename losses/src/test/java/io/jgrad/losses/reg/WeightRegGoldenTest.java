package io.jgrad.losses.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jgrad.autograd.GradGolden;
import io.jgrad.losses.Reduction;
import io.jgrad.losses.procedure.ArtSchedule;
import io.jgrad.losses.procedure.ProgressiveSubnetDistillation;
import io.jgrad.nn.BitwiseWeight;
import io.jgrad.nn.LearnedClipFakeQuant;
import io.jgrad.nn.SoftThreshold;
import io.jgrad.nn.WeightConditioning;
import io.jgrad.tensor.Golden;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The weight, spectral, sparsity and quantization regularizers against PyTorch 1.13
 * reimplementations of their references (tools/golden/gen_catalog_weight_reg.py): values,
 * gradients of the sum and of a weighted sum, double backward where recorded, and value-only
 * cases (proximal maps, post-step updates, points where the gradient is undefined).
 */
class WeightRegGoldenTest {
  static final String FAMILY = "catalog/weight_reg";
  static final int MIN_CASES = 150;

  static Reduction red(GoldenCase c) { return Reduction.valueOf(c.stringArg("reduction").toUpperCase()); }

  static Map<String, BiFunction<GoldenCase, List<Tensor>, List<Tensor>>> ops() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, List<Tensor>>> m = new HashMap<>();
    m.put("nuclearNorm", (c, in) -> List.of(NuclearNormRegularizer.nuclearNorm(in.get(0))));
    m.put("svt", (c, in) -> List.of(NuclearNormRegularizer.singularValueThreshold(in.get(0), c.doubleArg("tau"))));
    m.put("spectralSigma", (c, in) -> List.of(SpectralSigmaReg.term(
        SpectralSigmaReg.sigma(in.get(0), in.get(1).detach().copy(), c.intArg("iterations"), 1e-12), c.doubleArg("k"))));
    m.put("spectralBias", (c, in) -> List.of(in.get(0).norm().pow(2 * c.doubleArg("k"))));
    m.put("wasserstein", (c, in) -> List.of(WassersteinInitReg.wasserstein(in.get(0), in.get(1), red(c))));
    m.put("normLoss", (c, in) -> List.of(OrthogonalityRegularizers.normLoss(in.get(0), red(c))));
    m.put("hyperSparse", (c, in) -> List.of(SparsityRegularizers.hyperSparse(in, c.doubleArg("prune_rate"))));
    m.put("cauchySchwarz", (c, in) -> List.of(QuantizationRegularizers.cauchySchwarz(in.get(0), c.stringArg("variant"),
        c.boolArg("normalized"))));
    m.put("cauchySchwarzLayer", (c, in) -> List.of(QuantizationRegularizers.cauchySchwarzLayer(in.get(0), c.stringArg("variant"),
        c.boolArg("normalized"), c.stringArg("granularity"), c.stringArg("normalization"))));
    m.put("csEigenvector", (c, in) -> List.of(QuantizationRegularizers.csEigenvector(in.get(0), in.get(1), c.boolArg("normalized"))));
    m.put("mhe", (c, in) -> List.of(OrthogonalityRegularizers.mhe(in.get(0), c.stringArg("power"), c.boolArg("half_space"),
        c.doubleArg("eps"))));
    m.put("kurtosis", (c, in) -> List.of(QuantizationRegularizers.kurtosis(in.get(0))));
    m.put("skewness", (c, in) -> List.of(QuantizationRegularizers.skewness(in.get(0))));
    m.put("weightMoments", (c, in) -> List.of(QuantizationRegularizers.weightMoments(in, c.doubleArg("kurt_rate"),
        c.doubleArg("skew_rate"), c.doubleArg("kurtosis_target"), c.doubleArg("skewness_target"), c.boolArg("drop_first"))));
    m.put("gor", (c, in) -> List.of(OrthogonalityRegularizers.gor(in.get(0), c.intArg("num_groups"), c.intArg("min_num_filters"),
        c.stringArg("mode"))));
    m.put("repulsion", (c, in) -> List.of(ParameterRepulsion.repulsion(
        ParameterRepulsion.distance(in.subList(0, 2), in.subList(2, 4)), c.stringArg("loss_type"), c.doubleArg("gamma"))));
    m.put("softThreshold", (c, in) -> List.of(SoftThreshold.soft(in.get(0), in.get(1))));
    m.put("hardThreshold", (c, in) -> List.of(SoftThreshold.hard(in.get(0), in.get(1))));
    m.put("lassoObjective", (c, in) -> List.of(SparsityRegularizers.lassoObjective(in.get(0), in.get(1), in.get(2),
        c.doubleArg("lambda"), red(c))));
    m.put("proxL1", (c, in) -> List.of(ProximalSteps.softThreshold(in.get(0), c.doubleArg("tau"))));
    m.put("lobsterStep", (c, in) -> List.of(LobsterSensitivityDecay.step(in.get(0), in.get(1), c.doubleArg("lambda"),
        c.boolArg("rescaled"))));
    m.put("learnedClip", (c, in) -> List.of(LearnedClipFakeQuant.quantize(in.get(0), in.get(1), in.get(2), c.intArg("bits"))));
    m.put("bitwise", (c, in) -> List.of(BitwiseWeight.compose(in.subList(0, in.size() - 1), in.get(in.size() - 1),
        BitwiseWeight.desiredStd(in.get(0).shape()))));
    m.put("condition", (c, in) -> List.of(WeightConditioning.condition(in.get(0), c.stringArg("mode"), 1e-12)));
    m.put("conditionNumber", (c, in) -> List.of(cond(in.get(0)), cond(WeightConditioning.condition(in.get(0), "row", 1e-12))));
    m.put("gpgLoss", (c, in) -> List.of(ProgressiveSubnetDistillation.gpgLoss(in.get(0), in.get(1), in.get(2),
        c.doubleArg("alpha"), c.doubleArg("T"))));
    m.put("artPenalty", (c, in) -> List.of(new ArtSchedule(c.doubleArg("prune_rate"), c.doubleArg("lambda_init"), c.doubleArg("eta"),
        c.intArg("warmup_epochs"), 0, ParamSelector.weights()).penalty(in, c.intArg("epoch"))));
    m.put("magnitudePrune", (c, in) -> {
      List<Tensor> copies = in.stream().map(Tensor::copy).toList();
      new MagnitudeMask().pruneGlobal(copies, c.doubleArg("prune_rate"));
      return copies;
    });
    return m;
  }

  static Tensor cond(Tensor w) {
    Tensor s = Linalg.svdvals(w);
    return s.select(0, 0).div(s.select(0, s.size(0) - 1));
  }

  @TestFactory
  Stream<DynamicTest> golden() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, List<Tensor>>> ops = ops();
    List<GoldenCase> cases = Golden.load(FAMILY);
    int[] ran = {0};
    List<DynamicTest> tests = new ArrayList<>();
    for (GoldenCase c : cases) {
      tests.add(DynamicTest.dynamicTest(c.id(), () -> {
        BiFunction<GoldenCase, List<Tensor>, List<Tensor>> f = ops.get(c.op());
        if (f == null) fail("no Java implementation for golden op '" + c.op() + "'");
        if (c.has("grad")) gradCase(c, f);
        else valueCase(c, f);
        ran[0]++;
      }));
    }
    tests.add(DynamicTest.dynamicTest("all cases ran", () -> {
      assertEquals(cases.size(), ran[0]);
      assertTrue(cases.size() >= MIN_CASES, "only " + cases.size() + " cases");
    }));
    return tests.stream();
  }

  static void valueCase(GoldenCase c, BiFunction<GoldenCase, List<Tensor>, List<Tensor>> f) {
    List<Tensor> out = f.apply(c, c.inputs());
    assertEquals(c.outputCount(), out.size(), c.id() + ": output count");
    for (int i = 0; i < out.size(); i++) Golden.assertClose(c.id() + " output " + i, c.expected(i), out.get(i), Golden.ATOL, Golden.RTOL);
  }

  /** A gradient case, checked by GradGolden.check on the first output: forward, grad of sum, of a weighted sum, double backward. */
  static void gradCase(GoldenCase c, BiFunction<GoldenCase, List<Tensor>, List<Tensor>> f) {
    GradGolden.check(c, (cc, in) -> f.apply(cc, in).get(0));
  }

  /** Every component of the package has golden cases, and every case names a component. */
  @Test
  void everyCaseNamesItsComponent() throws Exception {
    Map<String, Integer> counts = new TreeMap<>();
    try (InputStream in = WeightRegGoldenTest.class.getResourceAsStream("/golden/" + FAMILY + ".json")) {
      JsonObject doc = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
      for (JsonElement e : doc.getAsJsonArray("cases")) {
        JsonObject o = e.getAsJsonObject();
        assertTrue(o.has("component"), o.get("id") + " has no component");
        counts.merge(o.get("component").getAsString(), 1, Integer::sum);
      }
    }
    for (String id : List.of("nuclear_norm_regularizer", "spectral_sigma_reg", "wasserstein_init_reg", "norm_loss", "hypersparse_reg",
        "cauchy_schwarz_reg", "mhe_reg", "weight_moment_regularizer", "group_orthogonality_regularizer",
        "parameter_repulsion_regularizer", "soft_threshold", "proximal_l1_step", "lobster_sensitivity_decay",
        "learned_clip_fake_quant", "bitwise_weight_layer", "art_schedule", "weight_conditioning", "progressive_subnet_distillation")) {
      assertTrue(counts.getOrDefault(id, 0) >= 3, id + " has " + counts.getOrDefault(id, 0) + " golden cases: " + counts);
    }
  }
}
