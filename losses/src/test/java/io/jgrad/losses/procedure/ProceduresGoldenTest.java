package io.jgrad.losses.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.jgrad.losses.testing.StepLoop;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Golden;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Parameter trajectories of the catalog procedures against PyTorch 1.13 reimplementations of
 * their reference code (tools/golden/gen_catalog_procedures.py, golden/catalog/procedures.json):
 * float64, several optimizer steps, SGD with momentum and AdamW, BatchNorm, micro-batches and
 * clipping. Tolerance 1e-9: the same algorithm in float64, summed in a different order.
 */
class ProceduresGoldenTest {
  static final double TOL = 1e-9;

  /** Builds the Java procedure of a trajectory case from its args. */
  static final Map<String, Function<GoldenCase, TrainStep>> PROCEDURES = new HashMap<>();

  static {
    PROCEDURES.put("sam", c -> new Sam(c.doubleArg("rho"), c.boolArg("adaptive")));
    PROCEDURES.put("amp", c -> new Amp(c.doubleArg("epsilon"), c.doubleArg("inner_lr"), c.intArg("inner_iter")));
    PROCEDURES.put("gradient_norm_regularization_fd", c -> new GradientNormFd(c.doubleArg("gamma"), c.doubleArg("epsilon"),
        c.stringArg("variant"), c.boolArg("normalize")));
    PROCEDURES.put("grad_norm_penalty", c -> new GradNormPenalty(c.doubleArg("lambda"), c.intArg("power")));
    PROCEDURES.put("adversarial_weight_perturbation", c -> {
      Tensor xadv = c.input(3);
      int[] t = {0};
      return new Awp(c.doubleArg("gamma"), c.doubleArg("awp_lr"), 0, (m, x, y) -> xadv.select(0, t[0]++).contiguous());
    });
    PROCEDURES.put("lawn", c -> new Lawn(c.intArg("warmup_epochs"), c.intArg("layers"), c.boolArg("project_gradient")));
  }

  @TestFactory
  Stream<DynamicTest> trajectories() {
    List<GoldenCase> cases = Golden.load("catalog/procedures");
    List<DynamicTest> tests = new ArrayList<>();
    for (GoldenCase c : cases) {
      if (!c.op().equals("trajectory")) continue;
      tests.add(DynamicTest.dynamicTest(c.id(), () -> checkTrajectory(c)));
    }
    return tests.stream();
  }

  static void checkTrajectory(GoldenCase c) {
    String id = c.stringArg("component");
    Function<GoldenCase, TrainStep> make = PROCEDURES.get(id);
    if (make == null) fail("no procedure registered for " + id);
    Sequential model = GoldenModels.mlp(c, c.input(2));
    Optimizer opt = GoldenModels.optimizer(c, model);
    List<Batch> batches = GoldenModels.batches(c);
    StepLoop ctx = new StepLoop(model, opt, GoldenModels.CE, List.of(), c.intArg("micro"), c.doubleArg("clip"), null, false);
    TrainStep step = make.apply(c);
    Tensor expected = c.expected(0);
    int micro = c.intArg("micro");
    List<Double> losses = new ArrayList<>();
    for (int t = 0; t < batches.size(); t++) {
      losses.addAll(ctx.run(step, List.of(batches.get(t))));
      if (t % micro == micro - 1) {
        int u = t / micro;
        Golden.assertClose(c.id() + " params after update " + (u + 1), expected.select(0, u).contiguous(),
            GoldenModels.flat(model), TOL, TOL);
      }
    }
    Golden.assertClose(c.id() + " losses", c.expected(1), Tensor.of(losses.stream().mapToDouble(d -> d).toArray()),
        TOL, TOL);
    Golden.assertClose(c.id() + " BatchNorm running statistics", c.expected(2), GoldenModels.bnStats(model), TOL, TOL);
    assertEquals(DType.FLOAT64, model.parameters().get(0).dtype());
  }
}
