package io.jgrad.losses.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.autograd.Autograd;
import io.jgrad.losses.FloodingLoss;
import io.jgrad.losses.reg.FunctionalFisherRegularizer;
import io.jgrad.losses.reg.JacobianFrobeniusPenalty;
import io.jgrad.losses.reg.JacobianNuclearNormRegularizer;
import io.jgrad.losses.reg.VatAdversarialLoss;
import io.jgrad.losses.reg.VirtualAdversarialLoss;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.Batch;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Golden;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The catalog's input-gradient and input-perturbation regularizers, and flooding, against
 * PyTorch 1.13 reimplementations of their reference code with the same random draws
 * (tools/golden/gen_catalog_procedures.py): the penalty, its gradient with respect to every
 * parameter, and the intermediate results (perturbations, per-example norms, scores).
 */
class RegularizersGoldenTest {
  static final double TOL = 1e-9;

  record Run(Sequential model, Tensor x, Tensor y, List<Tensor> draws) {}

  @TestFactory
  Stream<DynamicTest> regularizers() {
    Map<String, BiFunction<GoldenCase, Run, List<Tensor>>> ops = new HashMap<>();
    ops.put("vat_loss", (c, r) -> {
      VirtualAdversarialLoss vat = new VirtualAdversarialLoss(c.doubleArg("epsilon"), c.doubleArg("xi"),
          c.intArg("num_power_iterations"), 1, 0);
      Tensor out = r.model.forward(r.x);
      Tensor v = vat.lds(r.model, r.x, out, r.draws.get(0));
      return List.of(v, vat.perturbation(r.model, r.x, out, r.draws.get(0)), GoldenModels.bnStats(r.model));
    });
    ops.put("vat_adversarial_loss", (c, r) -> {
      VatAdversarialLoss at = new VatAdversarialLoss(c.doubleArg("epsilon"), 1);
      return List.of(at.loss(r.model, r.x, r.y), at.perturbation(r.model, r.x, r.y));
    });
    ops.put("jacobian_frobenius_penalty", (c, r) -> {
      JacobianFrobeniusPenalty p = new JacobianFrobeniusPenalty(1, c.stringArg("estimator"), c.intArg("samples"),
          c.doubleArg("fd_sigma"), c.intArg("layers"), 0);
      Tensor n = p.squaredNorms(r.model, p.map(r.model), r.x, r.draws);
      return List.of(n.mean(), n);
    });
    ops.put("jacobian_nuclear_norm_regularizer", (c, r) -> {
      int m = r.draws.size() / 2;
      JacobianNuclearNormRegularizer p = new JacobianNuclearNormRegularizer(1, c.intArg("split"), c.stringArg("estimator"),
          c.doubleArg("sigma"), c.intArg("samples"), c.boolArg("detach_latent"), 0);
      Tensor[] n = p.factorNorms(r.model, r.x, r.draws.subList(0, m), r.draws.subList(m, 2 * m));
      return List.of(n[0].add(n[1]).mean().mul(0.5), n[0], n[1]);
    });
    ops.put("functional_fisher_information_regularizer", (c, r) -> {
      FunctionalFisherRegularizer p = new FunctionalFisherRegularizer(1, c.intsArg("split"), c.intArg("n_samples"),
          c.doubleArg("norm"), c.stringArg("criterion"), c.stringArg("estimation"), c.stringArg("optim_method"), 0);
      Tensor out = r.model.forward(r.x);
      return List.of(p.value(r.model, r.x, out, r.draws), p.scores(r.model, r.x, out, r.draws));
    });
    List<DynamicTest> tests = new ArrayList<>();
    int[] counted = {0};
    for (GoldenCase c : Golden.load("catalog/procedures")) {
      if (c.op().equals("regularizer")) {
        counted[0]++;
        tests.add(DynamicTest.dynamicTest(c.id(), () -> check(c, ops.get(c.stringArg("component")))));
      } else if (c.op().equals("flooding")) {
        counted[0]++;
        tests.add(DynamicTest.dynamicTest(c.id(), () -> checkFlooding(c)));
      }
    }
    tests.add(DynamicTest.dynamicTest("case count", () -> assertTrue(counted[0] >= 29, "cases: " + counted[0])));
    return tests.stream();
  }

  static void check(GoldenCase c, BiFunction<GoldenCase, Run, List<Tensor>> op) {
    Sequential model = GoldenModels.mlp(c, c.input(2));
    model.train();
    List<Tensor> draws = new ArrayList<>();
    for (int i = 3; i < c.inputCount(); i++) draws.add(c.input(i));
    List<Tensor> out = op.apply(c, new Run(model, c.input(0), c.input(1), draws));
    Tensor value = out.get(0);
    List<Tensor> gs = Autograd.grad(List.of(value), model.parameters(), null, false, true);
    List<Tensor> flat = new ArrayList<>();
    for (int i = 0; i < gs.size(); i++) {
      Tensor g = gs.get(i);
      flat.add((g == null ? Tensor.zerosLike(model.parameters().get(i)) : g).reshape(-1));
    }
    Golden.assertClose(c.id() + " value", c.expected(0), value.detach(), TOL, TOL);
    Golden.assertClose(c.id() + " parameter gradient", c.expected(1), Tensor.cat(flat, 0), TOL, TOL);
    for (int i = 1; i < out.size(); i++) {
      Golden.assertClose(c.id() + " output " + (i + 1), c.expected(i + 1), out.get(i).detach(), TOL, TOL);
    }
    assertEquals(c.outputCount(), out.size() + 1, c.id() + ": outputs");
  }

  static void checkFlooding(GoldenCase c) {
    Tensor z = c.input(0).detach().requiresGrad(true);
    Tensor v = FloodingLoss.crossEntropy(c.doubleArg("b")).loss(z, new Batch(z, c.input(1)));
    Tensor g = Autograd.grad(v, List.of(z), false).get(0);
    boolean f64 = z.dtype() == DType.FLOAT64;
    Golden.assertClose(c.id() + " value", c.expected(0), v.detach(), f64 ? TOL : 1e-6, f64 ? TOL : 1e-3);
    Golden.assertClose(c.id() + " gradient", c.expected(1), g, f64 ? TOL : 1e-4, f64 ? TOL : 1e-3);
  }
}
