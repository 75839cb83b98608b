package io.jgrad.losses.procedure;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;

import io.jgrad.autograd.Autograd;
import io.jgrad.losses.FloodingLoss;
import io.jgrad.losses.reg.ArowRegularizer;
import io.jgrad.losses.reg.AwrRobustRegularizer;
import io.jgrad.losses.reg.ElleRegularizer;
import io.jgrad.losses.reg.FunctionalFisherRegularizer;
import io.jgrad.losses.reg.JacobianFrobeniusPenalty;
import io.jgrad.losses.reg.JacobianNuclearNormRegularizer;
import io.jgrad.losses.reg.SmoothAdversarialCompSum;
import io.jgrad.losses.reg.VatAdversarialLoss;
import io.jgrad.losses.reg.VirtualAdversarialLoss;
import io.jgrad.losses.testing.StepLoop;
import io.jgrad.nn.BatchNorm1d;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Tanh;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every component of the family on the fake device against the CPU (float32): procedures run
 * three steps on the same batches and must leave the same weights and BatchNorm statistics;
 * regularizers must give the same penalty and parameter gradients (their random draws are made
 * on the host and uploaded, so both devices see the same draws).
 */
class ProceduresDeviceTest {
  static final double ATOL = 2e-5;

  static Sequential model() {
    Generator g = new Generator(3);
    return new Sequential(new Linear(6, 8, true, g), new BatchNorm1d(8), new Tanh(), new Linear(8, 4, true, g));
  }

  static List<Batch> batches(Device d) {
    Generator g = new Generator(4);
    List<Batch> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      out.add(new Batch(Tensor.rand(g, 5, 6).to(d), Tensor.randint(g, 0, 4, 5).to(d)));
    }
    return out;
  }

  static Map<String, Supplier<TrainStep>> procedures() {
    Map<String, Supplier<TrainStep>> m = new LinkedHashMap<>();
    m.put("sam", () -> new Sam(0.1, true));
    m.put("amp", () -> new Amp(0.2, 1, 2));
    m.put("adversarial_weight_perturbation", () -> new Awp(0.05, 0.01, 0, new AdversarialInputs(AdversarialInputs.Objective.CE, 0.1, 0.05, 2, 8)));
    m.put("gradient_norm_regularization_fd", () -> new GradientNormFd(0.05, 0.1, "forward", true));
    m.put("grad_norm_penalty", () -> new GradNormPenalty(0.1, 2));
    m.put("lawn", () -> new Lawn(0, 0, true));
    return m;
  }

  static Map<String, Supplier<Regularizer>> regularizers() {
    Map<String, Supplier<Regularizer>> m = new LinkedHashMap<>();
    m.put("vat_loss", () -> new VirtualAdversarialLoss(0.5, 1e-2, 1, 1, 11));
    m.put("adversarial_loss", () -> new VatAdversarialLoss(0.5, 1));
    m.put("elle_reg", () -> new ElleRegularizer(2, 0.1, false, 2, 0.99, 12));
    m.put("arow_loss", () -> new ArowRegularizer(7, new AdversarialInputs(AdversarialInputs.Objective.KL, 0.1, 0.03, 3, 13)));
    m.put("awr_robust_regularizer", () -> new AwrRobustRegularizer(null, new AdversarialInputs(AdversarialInputs.Objective.KL, 0.1, 0.03, 3, 14), 3, 0.5,
        1, 1));
    m.put("smooth_adv_comp_sum_loss", () -> new SmoothAdversarialCompSum(1, new AdversarialInputs(AdversarialInputs.Objective.LOGIT_DISTANCE, 0.1, 0.03, 3, 15)));
    m.put("jacobian_frobenius_penalty", () -> new JacobianFrobeniusPenalty(0.1, "hutchinson", 2, 0.01, 0, 16));
    m.put("jacobian_nuclear_norm_regularizer", () -> new JacobianNuclearNormRegularizer(0.1, 2, "denoising", 0.1, 2, false, 17));
    m.put("functional_fisher_information_regularizer", () -> new FunctionalFisherRegularizer(1, new int[] {2, 4}, 3, 2, "bce",
        "ent", "max_ent", 18));
    return m;
  }

  @TestFactory
  Stream<DynamicTest> procedureSteps() {
    List<DynamicTest> tests = new ArrayList<>();
    procedures().forEach((id, make) -> tests.add(DynamicTest.dynamicTest(id, () -> {
      Module cpu = model(), dev = model().to(FAKE);
      StepLoop.of(cpu, new SGD(cpu.parameters(), 0.1), GoldenModels.CE).run(make.get(), batches(Device.CPU));
      StepLoop.of(dev, new SGD(dev.parameters(), 0.1), GoldenModels.CE).run(make.get(), batches(FAKE));
      List<Tensor> a = new ArrayList<>(cpu.stateDict().values()), b = new ArrayList<>(dev.stateDict().values());
      for (int i = 0; i < a.size(); i++) assertMatches(id + " state " + i, a.get(i), b.get(i), FAKE, ATOL);
    })));
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> penalties() {
    List<DynamicTest> tests = new ArrayList<>();
    regularizers().forEach((id, make) -> tests.add(DynamicTest.dynamicTest(id, () -> {
      List<Tensor> onCpu = penaltyAndGrads(id, make.get(), Device.CPU);
      List<Tensor> onDev = penaltyAndGrads(id, make.get(), FAKE);
      for (int i = 0; i < onCpu.size(); i++) assertMatches(id + (i == 0 ? " penalty" : " grad " + i), onCpu.get(i), onDev.get(i), FAKE, ATOL);
    })));
    tests.add(DynamicTest.dynamicTest("flooding_loss", () -> {
      List<Tensor> r = new ArrayList<>();
      for (Device d : List.of(Device.CPU, FAKE)) {
        Tensor z = Tensor.randn(new Generator(6), 5, 4).to(d).requiresGrad(true);
        Batch b = new Batch(z, Tensor.of(new long[] {0, 1, 2, 3, 0}).to(d));
        Tensor v = FloodingLoss.crossEntropy(5.0).loss(z, b);
        r.add(v);
        r.add(Autograd.grad(v, List.of(z), false).get(0));
      }
      assertMatches("flooding_loss value", r.get(0), r.get(2), FAKE, ATOL);
      assertMatches("flooding_loss grad", r.get(1), r.get(3), FAKE, ATOL);
    }));
    return tests.stream();
  }

  static List<Tensor> penaltyAndGrads(String id, Regularizer r, Device d) {
    Module m = model();
    if (d != Device.CPU) m.to(d);
    if (r instanceof AwrRobustRegularizer awr) r = awr.withTeacher(d == Device.CPU ? teacher() : teacher().to(d));
    Batch b = batches(d).get(0);
    m.train();
    Tensor out = m.forward(b.x());
    Tensor p = r.penalty(m, b, out);
    List<Tensor> res = new ArrayList<>();
    res.add(p.detach());
    for (Tensor g : Autograd.grad(List.of(p), m.parameters(), null, false, true)) if (g != null) res.add(g);
    return res;
  }

  static Module teacher() {
    Generator g = new Generator(21);
    return new Sequential(new Linear(6, 8, true, g), new Tanh(), new Linear(8, 4, true, g));
  }
}
