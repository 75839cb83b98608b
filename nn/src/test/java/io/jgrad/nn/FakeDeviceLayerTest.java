package io.jgrad.nn;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every layer of io.jgrad.nn, moved with {@link Module#to} to the fake device (CPU kernels behind
 * device-owned buffers), against the same layer on the CPU: forward output, input and
 * parameter gradients, and buffers after a training-mode forward must be equal, and every
 * concrete layer class must have a case here.
 */
class FakeDeviceLayerTest {
  private record Case(Supplier<Module> build, Supplier<List<Tensor>> inputs, BiFunction<Module, List<Tensor>, Tensor> run) {}

  private static Tensor randn(long seed, int... shape) { return Tensor.randn(new Generator(seed), shape); }

  private static Case simple(Supplier<Module> build, int... shape) {
    return new Case(build, () -> List.of(randn(1, shape)), (m, in) -> m.forward(in.get(0)));
  }

  static Map<String, Case> cases() {
    Map<String, Case> c = new LinkedHashMap<>();
    c.put("Linear", simple(() -> new Linear(5, 4), 3, 5));
    c.put("Bilinear", new Case(() -> new Bilinear(3, 4, 2), () -> List.of(randn(1, 5, 3), randn(2, 5, 4)),
        (m, in) -> ((Bilinear) m).forward(in.get(0), in.get(1))));
    c.put("Conv1d", simple(() -> new Conv1d(3, 4, 3), 2, 3, 8));
    c.put("Conv2d", simple(() -> new Conv2d(3, 4, 3, 1, 1), 2, 3, 6, 6));
    c.put("ConvTranspose2d", simple(() -> new ConvTranspose2d(3, 2, 3, 2), 2, 3, 4, 4));
    c.put("MaxPool1d", simple(() -> new MaxPool1d(2), 2, 3, 8));
    c.put("MaxPool2d", simple(() -> new MaxPool2d(3, 2, 1), 2, 3, 7, 7));
    c.put("AvgPool1d", simple(() -> new AvgPool1d(3, 2, 1, true, false), 2, 3, 8));
    c.put("AvgPool2d", simple(() -> new AvgPool2d(3, 2, 1), 2, 3, 7, 7));
    c.put("AdaptiveAvgPool2d", simple(() -> new AdaptiveAvgPool2d(3, 2), 2, 3, 7, 5));
    c.put("BatchNorm1d", simple(() -> new BatchNorm1d(5), 4, 5));
    c.put("BatchNorm2d", simple(() -> new BatchNorm2d(3), 2, 3, 4, 4));
    c.put("GroupNorm", simple(() -> new GroupNorm(2, 4), 2, 4, 3, 3));
    c.put("LayerNorm", simple(() -> new LayerNorm(5), 3, 5));
    c.put("Dropout", simple(() -> new Dropout(0.3, new Generator(9)), 4, 5));
    c.put("Dropout2d", simple(() -> new Dropout2d(0.5, new Generator(9)), 2, 6, 3, 3));
    c.put("ELU", simple(() -> new ELU(0.7), 3, 5));
    c.put("GELU", simple(() -> new GELU(true), 3, 5));
    c.put("LeakyReLU", simple(() -> new LeakyReLU(0.2), 3, 5));
    c.put("ReLU", simple(ReLU::new, 3, 5));
    c.put("Sigmoid", simple(Sigmoid::new, 3, 5));
    c.put("Tanh", simple(Tanh::new, 3, 5));
    c.put("SiLU", simple(SiLU::new, 3, 5));
    c.put("Softplus", simple(() -> new Softplus(2, 5), 3, 5));
    c.put("Softmax", simple(() -> new Softmax(1), 3, 5));
    c.put("LogSoftmax", simple(() -> new LogSoftmax(0), 3, 5));
    c.put("Identity", simple(Identity::new, 3, 5));
    c.put("Flatten", simple(Flatten::new, 2, 3, 4));
    c.put("Embedding", new Case(() -> new Embedding(10, 4, 2, new Generator(3)),
        () -> List.of(Tensor.of(new long[] {1, 2, 9, 0, 2, 5}).reshape(3, 2)), (m, in) -> m.forward(in.get(0))));
    c.put("GRU", simple(() -> new GRU(5, 4, 2, true, false, new Generator(4)), 3, 2, 5));
    c.put("LSTM", new Case(() -> new LSTM(5, 4, 1, true, true, new Generator(4)), () -> List.of(randn(1, 2, 3, 5)),
        (m, in) -> {
          RnnOutput o = ((LSTM) m).forward(in.get(0), null, null);
          return Tensor.cat(List.of(o.output().flatten(), o.h().flatten(), o.c().flatten()), 0);
        }));
    c.put("MultiheadAttention", new Case(() -> new MultiheadAttention(8, 2, 0.2, true, false, new Generator(5)),
        () -> List.of(randn(1, 4, 2, 8), Tensor.of(new boolean[] {false, false, true, false, false, false, false, true}).reshape(2, 4)),
        (m, in) -> {
          AttentionOutput o = ((MultiheadAttention) m).forward(in.get(0), in.get(0), in.get(0), in.get(1), true, null);
          return Tensor.cat(List.of(o.output().flatten(), o.weights().flatten()), 0);
        }));
    c.put("TransformerEncoderLayer", new Case(
        () -> new TransformerEncoderLayer(8, 2, 16, 0.1, true, 1e-5, true, true, new Generator(6)),
        () -> List.of(randn(1, 2, 4, 8), Tensor.ones(DType.BOOL, 4, 4).triu(1)),
        (m, in) -> ((TransformerEncoderLayer) m).forward(in.get(0), in.get(1), null)));
    c.put("Sparsemax", simple(() -> new Sparsemax(1), 3, 5));
    c.put("NestedDropout", simple(() -> new NestedDropout(2, 0, new Generator(9)), 4, 6));
    c.put("LegendreLink", simple(() -> new LegendreLink(4, 1, 4, 3, new Generator(3)), 5, 3));
    c.put("Sequential", simple(() -> new Sequential(new Linear(5, 6), new ReLU(), new Linear(6, 2)), 3, 5));
    c.put("ModuleList", new Case(() -> new ModuleList(new Linear(5, 3), new Tanh()), () -> List.of(randn(1, 3, 5)),
        (m, in) -> {
          Tensor x = in.get(0);
          for (Module l : m.namedChildren().values()) x = l.forward(x);
          return x;
        }));
    // the catalog's reparameterizations, each wrapping a Linear
    c.put("LearnedClipFakeQuant", simple(() -> new LearnedClipFakeQuant(4, 1.5, -1.0), 3, 5));
    c.put("FakeQuantInput", simple(() -> new FakeQuantInput(new LearnedClipFakeQuant(3, 2.0, -0.5), new Linear(5, 4)), 3, 5));
    c.put("BitwiseWeight", simple(() -> Parametrize.register(new Linear(5, 4), "weight", new BitwiseWeight(4, 2)), 3, 5));
    c.put("WeightConditioning", simple(() -> Parametrize.register(new Linear(5, 4), "weight", new WeightConditioning("row", 1e-12)), 3, 5));
    c.put("ParametrizationList", simple(() -> Parametrize.register(new Linear(5, 4), "weight", Parametrization.of("tanh", Tensor::tanh)), 3, 5));
    c.put("SoftThreshold", simple(() -> new SoftThreshold(0.3, true, false), 3, 5));
    return c;
  }

  /** Output, then the gradient of every floating input and parameter, then every buffer. */
  private static List<Tensor> run(Case k, Module reference, Device device) {
    Module m = k.build().get().to(device);
    m.loadStateDict(reference.stateDict()); // host tensors into a device module
    List<Tensor> in = new ArrayList<>();
    for (Tensor t : k.inputs().get()) {
      Tensor d = t.to(device);
      if (d.dtype().isFloatingPoint()) d.requiresGrad(true);
      in.add(d);
    }
    Tensor out = k.run().apply(m, in);
    assertEquals(device, out.device(), "output device");
    out.mul(Tensor.randn(new Generator(8), out.shape()).to(device)).sum().backward();
    List<Tensor> r = new ArrayList<>(List.of(out));
    for (Tensor t : in) if (t.requiresGrad()) r.add(t.grad());
    for (Tensor p : m.parameters()) r.add(p.grad());
    r.addAll(m.buffers());
    return r;
  }

  @TestFactory
  Stream<DynamicTest> everyLayerMatchesTheCpu() {
    List<DynamicTest> tests = new ArrayList<>();
    cases().forEach((name, k) -> tests.add(DynamicTest.dynamicTest(name, () -> {
      Module reference = k.build().get(); // layers drawing from the default generator: one set of weights for both
      List<Tensor> cpu = run(k, reference, Device.CPU), dev = run(k, reference, FAKE);
      assertEquals(cpu.size(), dev.size(), name);
      for (int i = 0; i < cpu.size(); i++) assertMatches(name + " result " + i, cpu.get(i), dev.get(i), FAKE, 1e-6);
    })));
    return tests.stream();
  }

  /** Every public concrete Module subclass of io.jgrad.nn (from the compiled classes) has a case. */
  @Test
  void everyLayerClassHasACase() throws IOException, ClassNotFoundException {
    TreeSet<String> layers = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("target/classes/io/jgrad/nn"))) {
      for (Path f : files.toList()) {
        String n = f.getFileName().toString();
        if (!n.endsWith(".class") || n.contains("$")) continue;
        Class<?> cl = Class.forName("io.jgrad.nn." + n.substring(0, n.length() - 6));
        if (Module.class.isAssignableFrom(cl) && !java.lang.reflect.Modifier.isAbstract(cl.getModifiers())
            && java.lang.reflect.Modifier.isPublic(cl.getModifiers())) {
          layers.add(cl.getSimpleName());
        }
      }
    }
    assertTrue(layers.size() >= 35, "found only " + layers.size() + " layers: " + layers);
    TreeSet<String> missing = new TreeSet<>(layers);
    missing.removeAll(cases().keySet());
    assertTrue(missing.isEmpty(), "layers without a device case: " + missing);
  }

  @Test
  void toKeepsParameterIdentityAndReportsTheDevice() {
    Linear l = new Linear(3, 2);
    Tensor w = l.weight();
    assertEquals(Device.CPU, l.device());
    assertSame(l, l.to(FAKE));
    assertSame(w, l.weight());
    assertSame(w, l.parameters().get(0));
    assertEquals(FAKE, w.device());
    assertEquals(FAKE, l.device());
    assertEquals(FAKE, new ReLU().to(FAKE).device(), "a module without parameters remembers its device");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Linear(2, 2).to(new Device("nosuch", 0)));
    assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
  }

  @Test
  void summaryRunsOnTheModelsDevice() {
    Module m = new Sequential(new Linear(4, 3), new ReLU()).to(FAKE);
    assertEquals(new Sequential(new Linear(4, 3), new ReLU()).summary(2, 4), m.summary(2, 4));
  }
}
