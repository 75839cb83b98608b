package io.jgrad.cli.demo;

import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.Grad;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.Module;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.train.History;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jacobian penalties against plain training on digits: the contractive (squared Frobenius)
 * penalty of paper 88 lowers ||J||_F^2 of the input-output map, the factorized nuclear-norm
 * penalty of paper 76 lowers ||J||_*, each with accuracy within a point.
 */
final class JacobianDemo extends CatalogDemo {
  static final String FRO = "jacobian_frobenius_penalty", NUC = "jacobian_nuclear_norm_regularizer", BASE = "plain";

  JacobianDemo() {
    super(FRO,
        List.of(FRO, NUC),
        "procedures",
        "Jacobian Frobenius and nuclear-norm penalties vs plain training: the penalized norms, digits",
        "embedded digits, jgrad train's 1437/360 split; MLP 64-128-10 (ReLU), Adam lr 1e-3, batch 64, 30 epochs, the same "
            + "initial weights and shuffling for the three; jacobian_frobenius_penalty (lambda 0.01, Hutchinson, 1 probe) and "
            + "jacobian_nuclear_norm_regularizer (lambda 0.01, h = Linear+ReLU, g = the last Linear, the paper's denoising estimate "
            + "with sigma 0.1, 1 draw). Measured on the 360 test inputs: the mean exact ||J_f(x)||_F^2 and the mean nuclear norm "
            + "||J_f(x)||_* of the 10x64 input-output Jacobian (from its singular values). Smoke: 2 epochs on 256 examples.",
        Claim.of("Each penalty lowers the norm it penalizes (Frobenius: ||J||_F^2; nuclear: ||J||_*) on test inputs and "
                + "test accuracy stays within 1 point (papers 88 and 76)",
            Criterion.lower("jacobian_frobenius_sq", FRO, BASE),
            Criterion.lower("jacobian_nuclear", NUC, BASE),
            Criterion.atLeast("test_accuracy", FRO, BASE, -0.01),
            Criterion.atLeast("test_accuracy", NUC, BASE, -0.01)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    ProcedureKit.Split data = ProcedureKit.digits();
    var train = smoke ? DemoData.head(data.train(), 256) : data.train();
    int epochs = smoke ? 2 : 30;
    Map<String, String> methods = new LinkedHashMap<>();
    methods.put(BASE, null);
    methods.put(FRO, "jacobian_frobenius_penalty:lambda=0.01,estimator=hutchinson,seed=" + seed);
    methods.put(NUC, "jacobian_nuclear_norm_regularizer:lambda=0.01,split=3,seed=" + seed);
    DemoRun r = new DemoRun();
    for (Map.Entry<String, String> m : methods.entrySet()) {
      Module model = ProcedureKit.mlp(64, 128, 10, false, seed);
      List<Regularizer> regs = m.getValue() == null ? List.of()
          : List.of(Catalog.create(m.getValue(), Kind.REGULARIZER, Regularizer.class));
      History h = ProcedureKit.train(model, new Adam(model.parameters(), 1e-3), ProcedureKit.CE, null, regs, train, epochs, 64,
          seed);
      Tensor x = data.test().features();
      double[] norms = jacobianNorms(model, smoke ? x.narrow(0, 0, 32) : x);
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("jacobian_frobenius_sq", norms[0]);
      row.put("jacobian_nuclear", norms[1]);
      row.put("test_accuracy", ProcedureKit.accuracy(model, data.test()));
      r.row(m.getKey(), row);
      r.curve("training loss", m.getKey(), ProcedureKit.trainLosses(h));
    }
    return r;
  }

  /** {mean ||J||_F^2, mean ||J||_*} of the model's input-output Jacobians at the rows of x (eval mode). */
  static double[] jacobianNorms(Module model, Tensor x) {
    boolean was = model.isTraining();
    model.eval();
    try (var on = Grad.enabled(); TensorScope s = TensorScope.open()) {
      Tensor xi = x.detach().requiresGrad(true);
      Tensor out = model.forward(xi);
      List<Tensor> rows = new ArrayList<>();
      for (int j = 0; j < out.size(1); j++) {
        rows.add(Autograd.grad(List.of(out.select(1, j).sum()), List.of(xi), null, true, false, false).get(0));
      }
      Tensor jac = Tensor.stack(rows, 1).detach();
      try (var off = Grad.disabled()) {
        double fro = jac.mul(jac).sum(new int[] {1, 2}, false).mean().item();
        double nuc = Linalg.matrixNorm(jac.to(io.jgrad.tensor.DType.FLOAT64), "nuc").mean().item();
        return new double[] {fro, nuc};
      }
    } finally {
      model.train(was);
    }
  }
}
