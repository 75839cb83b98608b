package io.jgrad.losses.reg;


import io.jgrad.losses.Reduction;
import io.jgrad.losses.procedure.ProgressiveSubnetDistillation;
import io.jgrad.losses.testing.GradCheckCases;
import io.jgrad.nn.SoftThreshold;
import io.jgrad.nn.WeightConditioning;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Float64 finite-difference gradcheck (central differences, STYLE.md section 11) of the weight
 * regularizers, first order everywhere and second order where the penalty is smooth at the point
 * (penalties are differentiated again by gradient-penalty procedures), at seeded generic points
 * away from kinks and ties.
 *
 * <p>Not finite-difference checked, by design, with the reason: {@code hypersparse_reg} (its value
 * is 0 for every w; only its stop-gradient gradient matters; checked against the reference and the
 * closed form in WeightRegGoldenTest and WeightRegularizerModelTest), {@code learned_clip_fake_quant}
 * and {@code bitwise_weight_layer} (straight-through estimators: the gradient is not the derivative
 * of the rounded value; checked against the reference backward in WeightRegGoldenTest), and the
 * post-step components {@code proximal_l1_step}, {@code lobster_sensitivity_decay} and
 * {@code art_schedule} (they update weights, they are not differentiated).
 */
class WeightRegGradCheckTest {
  record Case(String component, String name, List<Tensor> inputs, Function<List<Tensor>, Tensor> f, boolean second) implements GradCheckCases.Case {}

  static Tensor randn(Generator g, int... shape) { return Tensor.randn(g, DType.FLOAT64, shape); }

  static List<Case> cases() {
    Generator g = new Generator(31);
    List<Case> l = new ArrayList<>();
    l.add(new Case("nuclear_norm_regularizer", "4x3", List.of(randn(g, 4, 3)), in -> NuclearNormRegularizer.nuclearNorm(in.get(0)), true));
    l.add(new Case("nuclear_norm_regularizer", "conv", List.of(randn(g, 3, 2, 2, 2)), in -> NuclearNormRegularizer.nuclearNorm(in.get(0)), true));
    // sigma = u^T W v with the power-iteration vectors fixed (they carry no gradient, as torch's spectral_norm)
    Tensor ws = randn(g, 5, 4);
    Tensor u = randn(g, 5);
    Tensor w0 = ws.copy();
    SpectralSigmaReg.sigma(w0, u, 30, 1e-12);
    Tensor v = w0.t().matmul(u);
    Tensor vn = v.div(v.norm());
    l.add(new Case("spectral_sigma_reg", "(sigma^2 - 1)^2", List.of(ws), in -> SpectralSigmaReg.term(u.matmul(in.get(0).matmul(vn)), 2.0), true));
    l.add(new Case("spectral_sigma_reg", "(sigma^3 - 1)^2 + |b|^6", List.of(ws.mul(0.5), randn(g, 5)),
        in -> SpectralSigmaReg.term(u.matmul(in.get(0).matmul(vn)), 3.0).add(in.get(1).norm().pow(6)), true));
    Tensor init = randn(g, 12);
    l.add(new Case("wasserstein_init_reg", "mean", List.of(randn(g, 3, 4)), in -> WassersteinInitReg.wasserstein(in.get(0), init, Reduction.MEAN), true));
    l.add(new Case("wasserstein_init_reg", "sum", List.of(randn(g, 12)), in -> WassersteinInitReg.wasserstein(in.get(0), init, Reduction.SUM), true));
    l.add(new Case("norm_loss", "sum", List.of(randn(g, 4, 3)), in -> OrthogonalityRegularizers.normLoss(in.get(0), Reduction.SUM), true));
    l.add(new Case("norm_loss", "mean conv", List.of(randn(g, 3, 2, 2, 2)), in -> OrthogonalityRegularizers.normLoss(in.get(0), Reduction.MEAN), true));
    for (String variant : QuantizationRegularizers.CS_VARIANTS) {
      l.add(new Case("cauchy_schwarz_reg", variant, List.of(randn(g, 3, 4)),
          in -> QuantizationRegularizers.cauchySchwarz(in.get(0), variant, false), true));
      l.add(new Case("cauchy_schwarz_reg", variant + " normalized", List.of(randn(g, 5, 3)),
          in -> QuantizationRegularizers.cauchySchwarz(in.get(0), variant, true), true));
    }
    Tensor a = randn(g, 4, 4);
    Tensor sym = a.add(a.t());
    l.add(new Case("cauchy_schwarz_reg", "eigenvector", List.of(randn(g, 4)), in -> QuantizationRegularizers.csEigenvector(in.get(0), sym, false), true));
    l.add(new Case("cauchy_schwarz_reg", "layer bin kernel elenum", List.of(randn(g, 3, 2, 2, 2)),
        in -> QuantizationRegularizers.cauchySchwarzLayer(in.get(0), "bin", false, "kernel", "elenum"), true));
    l.add(new Case("cauchy_schwarz_reg", "layer ter channel zero_norm", List.of(randn(g, 4, 5)),
        in -> QuantizationRegularizers.cauchySchwarzLayer(in.get(0), "ter", false, "channel", "zero_norm"), true));
    for (String p : OrthogonalityRegularizers.MHE_POWERS) {
      l.add(new Case("mhe_reg", "power " + p, List.of(randn(g, 4, 3)), in -> OrthogonalityRegularizers.mhe(in.get(0), p, false, 1e-4), true));
    }
    l.add(new Case("mhe_reg", "half space", List.of(randn(g, 3, 2, 2)), in -> OrthogonalityRegularizers.mhe(in.get(0), "1", true, 1e-4), true));
    l.add(new Case("weight_moment_regularizer", "three layers", List.of(randn(g, 4, 3), randn(g, 5, 2), randn(g, 2, 2, 2)),
        in -> QuantizationRegularizers.weightMoments(in, 0.015, 1.0, 1.8, 0.0, true), true));
    for (String mode : List.of("inter", "intra", "both")) {
      l.add(new Case("group_orthogonality_regularizer", mode, List.of(randn(g, 8, 3).mul(0.4)),
          in -> OrthogonalityRegularizers.gor(in.get(0), 2, 4, mode), true));
    }
    l.add(new Case("group_orthogonality_regularizer", "wide conv", List.of(randn(g, 4, 2, 2, 2).mul(0.4)),
        in -> OrthogonalityRegularizers.gor(in.get(0), 2, 2, "both"), true));
    Tensor n1 = randn(g, 3, 2), n2 = randn(g, 4);
    for (String type : ParameterRepulsion.TYPES) {
      l.add(new Case("parameter_repulsion_regularizer", type, List.of(randn(g, 3, 2), randn(g, 4)),
          in -> ParameterRepulsion.repulsion(ParameterRepulsion.distance(in, List.of(n1, n2)), type, 0.9), true));
    }
    Tensor vt = randn(g, 3, 4);
    Tensor vAway = vt.add(vt.sign().mul(0.3));
    l.add(new Case("soft_threshold", "soft", List.of(vAway, Tensor.scalar(0.1, DType.FLOAT64)), in -> SoftThreshold.soft(in.get(0), in.get(1)), true));
    l.add(new Case("soft_threshold", "hard", List.of(vAway, Tensor.scalar(0.1, DType.FLOAT64)), in -> SoftThreshold.hard(in.get(0), in.get(1)), true));
    l.add(new Case("soft_threshold", "lasso", List.of(randn(g, 3, 2), randn(g, 2, 4), vAway.narrow(0, 0, 3)),
        in -> SparsityRegularizers.lassoObjective(in.get(0), in.get(1), in.get(2), 0.3, Reduction.MEAN), true));
    for (String mode : WeightConditioning.MODES) {
      l.add(new Case("weight_conditioning", mode, List.of(randn(g, 4, 3)), in -> WeightConditioning.condition(in.get(0), mode, 1e-12), true));
    }
    Tensor y = Tensor.of(new long[] {2, 0, 1});
    Tensor soft = randn(g, 3, 4); // the previous subnet's logits: a constant (detached) target
    l.add(new Case("progressive_subnet_distillation", "gpg loss", List.of(randn(g, 3, 4)),
        in -> ProgressiveSubnetDistillation.gpgLoss(in.get(0), soft, y, 0.5, 2.0), true));
    return l;
  }

  @TestFactory
  Stream<DynamicTest> gradcheck() { return GradCheckCases.perOrder(cases()); }
}
