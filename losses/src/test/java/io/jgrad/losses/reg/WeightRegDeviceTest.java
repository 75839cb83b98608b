package io.jgrad.losses.reg;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.testing.StepLoop;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.FakeQuantInput;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.LearnedClipFakeQuant;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Parametrization;
import io.jgrad.nn.Parametrize;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every component of the weight-regularizer family, built by the registry, on the test-only
 * fake device against the CPU: penalties and the gradients of every parameter; post-step
 * regularizers and procedures through one optimizer step (the weights after it); layers and
 * parametrizations through a forward and backward.
 */
class WeightRegDeviceTest {
  static Sequential model() {
    return Module.withDType(DType.FLOAT64, () -> new Sequential(new Conv2d(1, 8, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0},
        new int[] {1, 1}, 1, true, new Generator(4)), new ReLU(), new Flatten(), new Linear(32, 6, true, new Generator(5)), new ReLU(),
        new Linear(6, 3, true, new Generator(6))));
  }

  static final Tensor X = Tensor.randn(new Generator(8), DType.FLOAT64, 5, 1, 4, 4);
  static final Tensor Y = Tensor.of(new long[] {0, 2, 1, 1, 0});

  /** Penalty regularizers: the penalty and the gradient of every parameter after penalty.backward(). */
  static Map<String, String> penalties() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("nuclear_norm_regularizer", "nuclear_norm_regularizer:lambda=0.3");
    m.put("spectral_sigma_reg", "spectral_sigma_reg:lambda=0.5,iterations=3");
    m.put("wasserstein_init_reg", "wasserstein_init_reg:lambda=1");
    m.put("norm_loss", "norm_loss:lambda=0.2");
    m.put("hypersparse_reg", "hypersparse_reg:lambda=1,prune_rate=0.7");
    m.put("cauchy_schwarz_reg", "cauchy_schwarz_reg:variant=ter,granularity=kernel");
    m.put("mhe_reg", "mhe_reg:power=a1,half_space=true");
    m.put("weight_moment_regularizer", "weight_moment_regularizer");
    m.put("group_orthogonality_regularizer", "group_orthogonality_regularizer:num_groups=2,mode=both");
    m.put("parameter_repulsion_regularizer", "parameter_repulsion_regularizer:loss_type=exp,gamma=0.8");
    return m;
  }

  static List<Tensor> penaltyRun(String spec, Device device) {
    Sequential m = model();
    Regularizer r = Catalog.create(spec, Regularizer.class);
    if (spec.startsWith("wasserstein") || spec.startsWith("parameter_repulsion")) {
      r.penalty(m, null, null); // snapshot the starting weights, then move them
      try (var off = io.jgrad.autograd.Grad.disabled()) {
        for (Tensor p : m.parameters()) p.mulInPlace(1.3);
      }
    }
    m.to(device);
    Tensor p = r.penalty(m, null, null);
    p.backward();
    List<Tensor> out = new ArrayList<>(List.of(p));
    for (Tensor t : m.parameters()) out.add(t.grad() == null ? Tensor.zerosLike(t) : t.grad());
    return out;
  }

  /** Post-step regularizers and procedures: the parameters after steps on the device. */
  static Map<String, Function<Module, Object[]>> steps() {
    Map<String, Function<Module, Object[]>> m = new LinkedHashMap<>();
    m.put("proximal_l1_step", mod -> new Object[] {TrainStep.STANDARD, List.of(Catalog.create("proximal_l1_step:lambda=0.5", Regularizer.class))});
    m.put("nuclear_norm_regularizer prox", mod -> new Object[] {TrainStep.STANDARD,
        List.of(Catalog.create("nuclear_norm_regularizer:lambda=2,prox=true", Regularizer.class))});
    m.put("lobster_sensitivity_decay", mod -> new Object[] {TrainStep.STANDARD,
        List.of(Catalog.create("lobster_sensitivity_decay:lambda=0.5,adam_like=true,threshold=0.05", Regularizer.class))});
    m.put("art_schedule", mod -> new Object[] {Catalog.create("art_schedule:warmup_epochs=0,lambda_init=0.1,prune_rate=0.5", TrainStep.class), List.of()});
    m.put("progressive_subnet_distillation", mod -> {
      FakeQuantInput.wrapAll(mod, Linear.class, () -> new LearnedClipFakeQuant(8, 3, -3));
      return new Object[] {Catalog.create("progressive_subnet_distillation:num_subnet=3", TrainStep.class), List.of()};
    });
    return m;
  }

  @SuppressWarnings("unchecked")
  static List<Tensor> stepRun(Function<Module, Object[]> setup, Device device) {
    Sequential m = model();
    Object[] s = setup.apply(m);
    m.to(device);
    StepLoop ctx = StepLoop.crossEntropy(m, new SGD(m.parameters(), 0.1), (List<Regularizer>) s[1]);
    for (int i = 0; i < 3; i++) {
      ctx.epoch(i + 1);
      ctx.run((TrainStep) s[0], X.to(device), Y.to(device));
    }
    return new ArrayList<>(m.parameters());
  }

  /** Layers and parametrizations: forward output and every parameter's gradient. */
  static Map<String, Function<Sequential, Module>> layers() {
    Map<String, Function<Sequential, Module>> m = new LinkedHashMap<>();
    m.put("learned_clip_fake_quant", s -> {
      FakeQuantInput.wrapAll(s, Linear.class, () -> Catalog.create("learned_clip_fake_quant:bits=4,clip_val=2,clip_valn=-1", LearnedClipFakeQuant.class));
      return s;
    });
    m.put("bitwise_weight_layer", s -> Parametrize.register(s.get(3), "weight", Catalog.create("bitwise_weight_layer:bits=4,seed=3", Parametrization.class)));
    m.put("weight_conditioning", s -> Parametrize.register(s.get(5), "weight", Catalog.create("weight_conditioning:mode=row_column", Parametrization.class)));
    m.put("soft_threshold", s -> {
      s.add(Catalog.create("soft_threshold:theta=0.05", Module.class));
      return s;
    });
    return m;
  }

  static List<Tensor> layerRun(Function<Sequential, Module> setup, Device device) {
    Sequential m = model();
    Module.withDType(DType.FLOAT64, () -> setup.apply(m));
    m.to(device);
    Tensor out = m.forward(X.to(device));
    out.mul(Tensor.randn(new Generator(2), DType.FLOAT64, out.shape()).to(device)).sum().backward();
    List<Tensor> r = new ArrayList<>(List.of(out));
    for (Tensor t : m.parameters()) r.add(t.grad() == null ? Tensor.zerosLike(t) : t.grad());
    return r;
  }

  static void same(String what, List<Tensor> cpu, List<Tensor> dev) {
    assertEquals(cpu.size(), dev.size(), what);
    for (int i = 0; i < cpu.size(); i++) assertMatches(what + " tensor " + i, cpu.get(i), dev.get(i), FAKE, 1e-9);
  }

  @TestFactory
  Stream<DynamicTest> matchesTheCpu() {
    List<DynamicTest> t = new ArrayList<>();
    penalties().forEach((id, spec) -> t.add(DynamicTest.dynamicTest(id, () -> same(spec, penaltyRun(spec, Device.CPU), penaltyRun(spec, FAKE)))));
    steps().forEach((id, setup) -> t.add(DynamicTest.dynamicTest(id, () -> same(id, stepRun(setup, Device.CPU), stepRun(setup, FAKE)))));
    layers().forEach((id, setup) -> t.add(DynamicTest.dynamicTest(id, () -> same(id, layerRun(setup, Device.CPU), layerRun(setup, FAKE)))));
    return t.stream();
  }
}
