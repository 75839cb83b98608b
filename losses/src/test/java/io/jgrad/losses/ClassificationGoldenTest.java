package io.jgrad.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.losses.metrics.ExpectedCalibrationError;
import io.jgrad.losses.metrics.ReliabilityBins;
import io.jgrad.losses.reg.OutputPenalties;
import io.jgrad.nn.LegendreLink;
import io.jgrad.nn.Module;
import io.jgrad.nn.NestedDropout;
import io.jgrad.nn.Sparsemax;
import io.jgrad.tensor.Golden;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The classification family against torch reimplementations of each component's reference code
 * (tools/golden/gen_catalog_classification.py): values and gradients in float64 and float32,
 * double backward where the component is smooth, the catalog's reference values as fixtures
 * (expected_calibration_error, sparsemax, sparsemax_loss, focal_loss, poly1_loss,
 * poly1_focal_loss, comp_sum_loss, acls_loss, maxsup_loss, anyloss, z_loss_spherical,
 * entropy_min_loss, spectral_decoupling, elr_loss, nested_dropout, ensloss, legendretron_link).
 */
class ClassificationGoldenTest {
  static final int MIN_CASES = 440;

  static Reduction red(GoldenCase c) { return Reduction.valueOf(c.stringArg("reduction").toUpperCase()); }

  static Tensor opt(GoldenCase c, List<Tensor> in, String flag, int k) { return c.boolArg(flag, false) ? in.get(k) : null; }

  @TestFactory
  Stream<DynamicTest> golden() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> g = new HashMap<>();
    g.put("sparsemax", (c, in) -> Sparsemax.sparsemax(in.get(0), c.intArg("dim")));
    g.put("sparsemaxLoss", (c, in) -> SparsemaxLosses.sparsemaxLoss(in.get(0), in.get(1), c.intArg("ignore_index"), red(c)));
    g.put("focalLoss", (c, in) -> FocalLosses.focalLoss(in.get(0), in.get(1), c.doubleArg("gamma"), opt(c, in, "has_alpha", 2),
        c.intArg("ignore_index"), red(c)));
    g.put("poly1FocalLoss", (c, in) -> FocalLosses.poly1FocalLoss(in.get(0), in.get(1), c.doubleArg("epsilon"),
        c.doubleArg("gamma"), opt(c, in, "has_alpha", 2), c.intArg("ignore_index"), red(c)));
    g.put("sigmoidFocalLoss", (c, in) -> FocalLosses.sigmoidFocalLoss(in.get(0), in.get(1), c.doubleArg("alpha"),
        c.doubleArg("gamma"), red(c)));
    g.put("sigmoidPoly1FocalLoss", (c, in) -> FocalLosses.sigmoidPoly1FocalLoss(in.get(0), in.get(1), c.doubleArg("epsilon"),
        c.doubleArg("alpha"), c.doubleArg("gamma"), red(c)));
    g.put("poly1Loss", (c, in) -> FocalLosses.poly1Loss(in.get(0), in.get(1), c.doubleArg("epsilon"),
        c.doubleArg("label_smoothing"), c.intArg("ignore_index"), red(c)));
    g.put("compSumLoss", (c, in) -> NoisyLabelLosses.compSumLoss(in.get(0), in.get(1), c.doubleArg("tau"),
        c.intArg("ignore_index"), red(c)));
    g.put("aclsLoss", (c, in) -> CalibrationLosses.aclsLoss(in.get(0), in.get(1), c.doubleArg("pos_lambda"),
        c.doubleArg("neg_lambda"), c.doubleArg("alpha"), c.doubleArg("margin"), c.intArg("ignore_index"), red(c)));
    g.put("maxSupLoss", (c, in) -> CalibrationLosses.maxSupLoss(in.get(0), in.get(1), c.doubleArg("alpha"),
        c.intArg("ignore_index"), red(c)));
    g.put("anyLoss", (c, in) -> SurrogateLosses.anyLoss(in.get(0), in.get(1), SurrogateLosses.AnyMetric.parse(c.stringArg("metric")),
        c.doubleArg("L"), c.doubleArg("beta")));
    g.put("zLossSpherical", (c, in) -> SurrogateLosses.zLossSpherical(in.get(0), in.get(1), c.doubleArg("a"), c.doubleArg("b"),
        c.intArg("ignore_index"), red(c)));
    g.put("entropy", (c, in) -> OutputPenalties.entropy(in.get(0)));
    g.put("spectralDecoupling", (c, in) -> OutputPenalties.spectralDecoupling(in.get(0)));
    g.put("spectralDecouplingPerClass", (c, in) -> OutputPenalties.spectralDecoupling(in.get(0), in.get(1),
        c.doubleArg("gamma_pos"), c.doubleArg("gamma_neg")));
    g.put("elrStep", (c, in) -> elr(c, in.get(3)).loss(in.get(0), in.get(1), in.get(2)));
    g.put("ensLoss", (c, in) -> SurrogateLosses.ensLossSurrogate(in.get(0), in.get(1), in.get(2), c.doubleArg("lam")));

    Map<String, Consumer<GoldenCase>> v = new HashMap<>();
    v.put("ece", ClassificationGoldenTest::ece);
    v.put("elrTable", c -> {
      ElrLoss m = elr(c, c.input(3));
      m.loss(c.input(0), c.input(1), c.input(2));
      Golden.assertClose(c.id() + " table", c.expected(0), m.table(), Golden.ATOL, Golden.RTOL);
    });
    v.put("nestedDistribution", c -> Golden.assertClose(c.id(), c.expected(0),
        Tensor.of(NestedDropout.distribution(c.intArg("n"), c.doubleArg("mu"), c.doubleArg("sigma"))), 1e-12, 1e-9));
    v.put("legendreLink", ClassificationGoldenTest::legendre);
    return GoldenReplay.run("catalog/classification", g, v, MIN_CASES);
  }

  /**
   * legendretron_link with the reference model's parameters (after its ActNorms initialised):
   * the log-probabilities and the gradients of a weighted sum with respect to the input and to
   * every trainable parameter.
   */
  static void legendre(GoldenCase c) {
    Tensor x = c.input(0);
    com.google.gson.JsonArray names = c.args().getAsJsonArray("state");
    LegendreLink link = Module.withDType(x.dtype(), () -> new LegendreLink(c.intArg("classes"), c.intArg("blocks"),
        c.intArg("dim_hidden"), c.intArg("depth"), new io.jgrad.tensor.Generator(1)));
    Map<String, Tensor> state = new HashMap<>();
    for (int i = 0; i < names.size(); i++) state.put(names.get(i).getAsString(), c.input(2 + i));
    link.loadStateDict(state, true);
    Tensor xl = x.requiresGrad(true);
    Tensor out = link.forward(xl);
    Golden.assertClose(c.id() + " forward", c.expected(0), out, Golden.ATOL, Golden.RTOL);
    out.mul(c.input(1)).sum().backward();
    com.google.gson.JsonArray grads = c.args().getAsJsonArray("grads");
    Map<String, Tensor> params = link.namedParameters();
    for (int i = 0; i < grads.size(); i++) {
      String n = grads.get(i).getAsString();
      Tensor got = n.equals("x") ? xl.grad() : params.get(n).grad();
      Golden.assertClose(c.id() + " grad " + n, c.expected(1 + i), got, GoldenReplay.ATOL, GoldenReplay.RTOL);
    }
  }

  /** An ELR module (in the inputs' dtype, training mode) whose table starts at {@code before}. */
  static ElrLoss elr(GoldenCase c, Tensor before) {
    ElrLoss m = Module.withDType(before.dtype(), () -> new ElrLoss(c.intArg("num_examples"), before.size(1),
        c.doubleArg("beta"), c.doubleArg("lambda")));
    m.train();
    m.table().copyFrom(before);
    return m;
  }

  static void ece(GoldenCase c) {
    ReliabilityBins b = ExpectedCalibrationError.reliability(c.input(0), c.input(1), c.intArg("n_bins"), c.boolArg("from_logits"));
    assertEquals(c.expected(0).item(), b.ece(), 1e-6, c.id() + " ece");
    long[] counts = c.expected(1).toLongArray();
    double[] conf = c.expected(2).toDoubleArray();
    double[] acc = c.expected(3).toDoubleArray();
    for (int m = 0; m < counts.length; m++) {
      assertEquals(counts[m], b.count(m), c.id() + " count of bin " + m);
      if (counts[m] > 0) {
        assertEquals(conf[m], b.confidence(m), 1e-6, c.id() + " confidence of bin " + m);
        assertEquals(acc[m], b.accuracy(m), 1e-12, c.id() + " accuracy of bin " + m);
      }
    }
  }
}
