package io.jgrad.losses;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.reg.OutputPenalties;
import io.jgrad.losses.testing.GradCheckCases;
import io.jgrad.nn.Module;
import io.jgrad.nn.NestedDropout;
import io.jgrad.nn.Sparsemax;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Float64 finite-difference gradchecks (central differences, eps 1e-6, atol 1e-5, rtol 1e-3) of
 * the classification family, at generic points (no ties, no entry on a support edge, logits away
 * from the ACLS margins), first order everywhere and second order where the component is smooth
 * there. Each case names its catalog id; several go through the registry.
 */
class ClassificationGradCheckTest {
  record Case(String component, String name, List<Tensor> inputs, Function<List<Tensor>, Tensor> f, boolean second) implements GradCheckCases.Case {}

  static Tensor randn(Generator g, double scale, int... shape) { return Tensor.randn(g, DType.FLOAT64, shape).mul(scale); }

  static Tensor cls(long... v) { return Tensor.of(v); }

  /** A registry objective on (output, target) with the batch built around them. */
  static Function<List<Tensor>, Tensor> objective(String spec, Tensor target) {
    Objective o = Catalog.create(spec, Objective.class);
    return in -> o.loss(in.get(0), new Batch(in.get(0), target));
  }

  static List<Case> cases() {
    Generator g = new Generator(14);
    List<Case> l = new ArrayList<>();
    Tensor t6 = cls(0, 3, 1, 2, 2, 4);
    // sparsemax: the second derivative is zero (piecewise linear); checked too
    Tensor z = Tensor.of(new double[] {1.2, 0.1, -0.4, 0.9, -2.0, 1.5, 0.3, 0.2, -1.0, 0.05, 0.6, 0.4}).reshape(3, 4);
    l.add(new Case("sparsemax", "sparsemax dim 1", List.of(z), in -> Sparsemax.sparsemax(in.get(0), 1).mul(Tensor.of(new double[] {1, 2, 3, 4})), true));
    l.add(new Case("sparsemax", "sparsemax dim 0", List.of(z), in -> Sparsemax.sparsemax(in.get(0), 0).pow(2), true));
    l.add(new Case("sparsemax", "sparsemax layer", List.of(randn(g, 2, 2, 3, 5)), in -> Catalog.create("sparsemax:dim=2", Module.class)
        .forward(in.get(0)), true));
    // sparsemax_loss: piecewise quadratic; second order at fixed support
    l.add(new Case("sparsemax_loss", "sparsemax_loss classes", List.of(randn(g, 1.5, 6, 5)), objective("sparsemax_loss:reduction=sum", t6), true));
    l.add(new Case("sparsemax_loss", "sparsemax_loss probabilities", List.of(randn(g, 1.5, 4, 3), randn(g, 1, 4, 3).softmax(1)),
        in -> SparsemaxLosses.sparsemaxLoss(in.get(0), in.get(1), -100, Reduction.NONE), true));
    for (String spec : List.of("focal_loss", "focal_loss:gamma=0.5,reduction=none", "focal_loss:gamma=3,alpha=0.2;1;0.5;2;1",
        "focal_loss:ignore_index=2,reduction=sum")) {
      l.add(new Case("focal_loss", spec, List.of(randn(g, 2, 6, 5)), objective(spec, t6), true));
    }
    Tensor bin = Tensor.rand(g, DType.FLOAT64, 4, 3).gt(0.5).to(DType.FLOAT64);
    for (String spec : List.of("focal_loss:form=sigmoid", "focal_loss:form=sigmoid,alpha=-1,gamma=1.5,reduction=none")) {
      l.add(new Case("focal_loss", spec, List.of(randn(g, 2, 4, 3)), objective(spec, bin), true));
    }
    for (String spec : List.of("poly1_loss", "poly1_loss:epsilon=-0.5,label_smoothing=0.2,reduction=none")) {
      l.add(new Case("poly1_loss", spec, List.of(randn(g, 2, 6, 5)), objective(spec, t6), true));
    }
    l.add(new Case("poly1_loss", "poly1_loss probabilities", List.of(randn(g, 2, 4, 3), randn(g, 1, 4, 3).softmax(1)),
        in -> FocalLosses.poly1Loss(in.get(0), in.get(1), 2.0, 0.1, -100, Reduction.MEAN), true));
    for (String spec : List.of("poly1_focal_loss", "poly1_focal_loss:epsilon=2,gamma=1,alpha=1;2;0.5;1;1,reduction=sum")) {
      l.add(new Case("poly1_focal_loss", spec, List.of(randn(g, 2, 6, 5)), objective(spec, t6), true));
    }
    l.add(new Case("poly1_focal_loss", "poly1_focal_loss:form=sigmoid", List.of(randn(g, 2, 4, 3)),
        objective("poly1_focal_loss:form=sigmoid,reduction=none", bin), true));
    for (String tau : List.of("0", "0.5", "1", "1.5", "2", "3")) {
      l.add(new Case("comp_sum_loss", "comp_sum_loss:tau=" + tau, List.of(randn(g, 1.5, 6, 5)),
          objective("comp_sum_loss:tau=" + tau + ",reduction=none", t6), true));
    }
    // ACLS: |z_max - M| and |z_max - z_k - M| kept >= 0.5 so relu^2 is smooth around the point
    Tensor za = Tensor.of(new double[] {4.0, 1.0, -2.5, 0.2, 2.6, -1.0, 3.2, -0.4, 1.1, 0.0, -3.1, 2.7}).reshape(4, 3);
    // the other-logit term uses sg(z_max), so finite differences see it only through the other
    // logits: the full loss is checked without it, and that term with the maximal logit held fixed
    l.add(new Case("acls_loss", "acls_loss:margin=2,neg_lambda=0", List.of(za), objective("acls_loss:margin=2,neg_lambda=0", cls(0, 1, 0, 2)), true));
    l.add(new Case("acls_loss", "acls_loss:margin=1,alpha=1,neg_lambda=0,reduction=none", List.of(za),
        objective("acls_loss:margin=1,alpha=1,neg_lambda=0,reduction=none", cls(0, 1, 0, 2)), true));
    Tensor zmax = Tensor.of(new double[] {4.0, 2.0, 3.2, 2.4}).reshape(4, 1);
    Tensor others = Tensor.of(new double[] {1.0, -2.5, 0.2, -1.0, -0.4, 1.1, 0.0, -3.1}).reshape(4, 2);
    l.add(new Case("acls_loss", "acls_loss other-logit term, max held", List.of(others),
        in -> CalibrationLosses.aclsRegularizer(Tensor.cat(List.of(zmax, in.get(0)), 1), 0, 0.7, 1.5), true));
    l.add(new Case("maxsup_loss", "maxsup_loss", List.of(randn(g, 2, 6, 5)), objective("maxsup_loss:alpha=0.3", t6), true));
    l.add(new Case("maxsup_loss", "maxsup_loss none", List.of(randn(g, 2, 6, 5)),
        in -> CalibrationLosses.maxSupLoss(in.get(0), t6, 0.2, 2, Reduction.NONE), true));
    Tensor p = Tensor.rand(g, DType.FLOAT64, 10).mul(0.8).add(0.1);
    Tensor yb = Tensor.of(new double[] {1, 0, 1, 1, 0, 0, 1, 0, 1, 1});
    for (SurrogateLosses.AnyMetric m : SurrogateLosses.AnyMetric.values()) {
      l.add(new Case("anyloss", "anyloss " + m, List.of(p), in -> SurrogateLosses.anyLoss(in.get(0), yb, m, 5, 2), true));
    }
    l.add(new Case("anyloss", "anyloss:metric=f1 (logits)", List.of(randn(g, 1, 10)), objective("anyloss:L=10", yb), true));
    for (String spec : List.of("z_loss_spherical", "z_loss_spherical:a=0.5,b=2,reduction=none", "z_loss_spherical:a=8,b=-0.5")) {
      l.add(new Case("z_loss_spherical", spec, List.of(randn(g, 2, 6, 5)), objective(spec, t6), true));
    }
    Regularizer ent = Catalog.create("entropy_min_loss:lambda=0.7", Regularizer.class);
    l.add(new Case("entropy_min_loss", "entropy_min_loss", List.of(randn(g, 2, 5, 4)), in -> ent.penalty(null, null, in.get(0)), true));
    l.add(new Case("entropy_min_loss", "entropy_min_loss dense", List.of(randn(g, 2, 2, 3, 2)), in -> OutputPenalties.entropy(in.get(0)), true));
    Regularizer sd = Catalog.create("spectral_decoupling", Regularizer.class);
    l.add(new Case("spectral_decoupling", "spectral_decoupling", List.of(randn(g, 1, 5, 4)), in -> sd.penalty(null, null, in.get(0)), true));
    Regularizer sdc = Catalog.create("spectral_decoupling:per_class=true,sd_coef=0.1", Regularizer.class);
    Tensor y01 = cls(1, 0, 1, 1, 0);
    l.add(new Case("spectral_decoupling", "spectral_decoupling:per_class=true", List.of(randn(g, 1, 5, 1)),
        in -> sdc.penalty(null, new Batch(in.get(0), y01), in.get(0)), true));
    // elr_loss: the table is filled by one training call, then held (eval mode) while checking
    ElrLoss elr = Module.withDType(DType.FLOAT64, () -> (ElrLoss) Catalog.create("elr_loss:num_examples=12,num_classes=5", Objective.class));
    Tensor idx = cls(3, 7, 0, 11, 5, 9);
    elr.loss(randn(g, 2, 6, 5), t6, idx);
    elr.eval();
    l.add(new Case("elr_loss", "elr_loss", List.of(randn(g, 1, 6, 5)), in -> elr.loss(in.get(0), new Batch(in.get(0), t6, idx, java.util.Map.of())), true));
    NestedDropout nd = (NestedDropout) Catalog.create("nested_dropout:sigma=3", Module.class);
    nd.eval();
    nd.prefix(3);
    l.add(new Case("nested_dropout", "nested_dropout prefix 3", List.of(randn(g, 1, 4, 6)), in -> nd.forward(in.get(0)).pow(2), true));
    // legendretron_link: the output is a gradient of an ICNN, so its second order is the ICNN's third
    Module link = Module.withDType(DType.FLOAT64, () -> Catalog.create("legendretron_link:num_classes=4,seed=3", Module.class));
    link.forward(randn(g, 2, 12, 3));
    l.add(new Case("legendretron_link", "legendretron_link input", List.of(randn(g, 1.5, 5, 3)), in -> link.forward(in.get(0)), true));
    Module link2 = Module.withDType(DType.FLOAT64, () -> Catalog.create("legendretron_link:num_classes=3,blocks=2,dim_hidden=6,depth=2,seed=4",
        Module.class));
    link2.forward(randn(g, 2, 12, 2));
    l.add(new Case("legendretron_link", "legendretron_link two blocks", List.of(randn(g, 1.5, 4, 2)), in -> link2.forward(in.get(0)), true));
    // the surrogate's value equals its injected gradient's integral only where psi is constant:
    // margins |s| < 1 (no 1/s tail) and a fixed order
    Tensor normals = randn(g, 1, 8);
    Tensor margins = Tensor.of(new double[] {0.83, -0.61, 0.12, -0.35, 0.47, -0.9, 0.71, 0.26}).reshape(8, 1);
    Tensor y8 = cls(1, 0, 0, 1, 1, 0, 1, 0);
    for (double lam : new double[] {0, 0.5}) {
      l.add(new Case("ensloss", "ensloss lam=" + lam, List.of(margins),
          in -> SurrogateLosses.ensLossSurrogate(in.get(0), y8, normals, lam), false));
    }
    return l;
  }

  @TestFactory
  Stream<DynamicTest> gradcheck() { return GradCheckCases.combined(cases()); }

  @TestFactory
  Stream<DynamicTest> everyComponentIsChecked() {
    Set<String> ids = new TreeSet<>();
    for (Case c : cases()) ids.add(c.component());
    return Stream.of("sparsemax", "sparsemax_loss", "focal_loss", "poly1_loss", "poly1_focal_loss", "comp_sum_loss", "acls_loss",
        "maxsup_loss", "anyloss", "z_loss_spherical", "entropy_min_loss", "spectral_decoupling", "elr_loss", "nested_dropout",
        "ensloss", "legendretron_link").map(id -> DynamicTest.dynamicTest(id, () -> assertTrue(ids.contains(id), id)));
  }
}
