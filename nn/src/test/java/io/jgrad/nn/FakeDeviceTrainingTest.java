package io.jgrad.nn;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.io.OptimizerStates;
import io.jgrad.nn.optim.Adagrad;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.optim.AdamW;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.RMSprop;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.optim.SGDW;
import io.jgrad.nn.train.History;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.fake.FakeBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optimizers, the Trainer and checkpoints on the fake device against the CPU: same numbers,
 * state on the parameters' device, and no host/device transfer in a training step beyond the
 * batch upload and the one metrics read-back.
 */
class FakeDeviceTrainingTest {
  private static Module model(long seed) {
    Generator g = new Generator(seed);
    return new Sequential(new Linear(4, 6, true, g), new Tanh(), new BatchNorm1d(6), new Linear(6, 3, true, g));
  }

  /** nn does not depend on the losses module: the mean negative log-likelihood of log-softmax. */
  private static Tensor crossEntropy(Tensor logits, Tensor y) {
    return logits.logSoftmax(1).gather(1, y.unsqueeze(1)).neg().mean();
  }

  static Map<String, Function<List<Tensor>, Optimizer>> optimizers() {
    Map<String, Function<List<Tensor>, Optimizer>> o = new LinkedHashMap<>();
    o.put("SGD", p -> new SGD(p, 0.1, Map.of("momentum", 0.9, "nesterov", true, "weightDecay", 0.01)));
    o.put("Adam", p -> new Adam(p, 0.01, Map.of("amsgrad", true, "weightDecay", 0.01)));
    o.put("AdamW", p -> new AdamW(p, 0.01));
    o.put("SGDW", p -> new SGDW(p, 0.1, Map.of("momentum", 0.9, "weightDecay", 0.01)));
    o.put("RMSprop", p -> new RMSprop(p, 0.01, Map.of("momentum", 0.5, "centered", true)));
    o.put("Adagrad", p -> new Adagrad(p, 0.1, Map.of("lrDecay", 0.01, "initialAccumulatorValue", 0.1)));
    return o;
  }

  private static void step(Module m, Optimizer opt, int k) {
    Device d = m.device();
    Tensor x = Tensor.randn(new Generator(100 + k), 8, 4).to(d);
    Tensor y = Tensor.randint(new Generator(200 + k), 0, 3, 8).to(d);
    opt.zeroGrad();
    crossEntropy(m.forward(x), y).backward();
    opt.step();
  }

  /**
   * Three steps on the CPU, against: optimizer built on the CPU, one step there, then the model
   * moved to the fake device (state follows at the next step), two more steps, then the state
   * saved and loaded into a fresh optimizer of a fresh device model for the third.
   */
  @TestFactory
  Stream<DynamicTest> everyOptimizerStepMatchesTheCpu() {
    List<DynamicTest> tests = new ArrayList<>();
    optimizers().forEach((name, make) -> tests.add(DynamicTest.dynamicTest(name, () -> {
      Module cpu = model(1);
      Optimizer oc = make.apply(cpu.parameters());
      for (int k = 0; k < 3; k++) step(cpu, oc, k);

      Module dev = model(1);
      Optimizer od = make.apply(dev.parameters());
      step(dev, od, 0);
      dev.to(FAKE);
      step(dev, od, 1);
      Module dev2 = model(7).to(FAKE);
      dev2.loadStateDict(dev.stateDict());
      Optimizer od2 = make.apply(dev2.parameters());
      od2.loadStateDict(od.stateDict());
      step(dev2, od2, 2);
      for (var e : cpu.stateDict().entrySet()) {
        assertMatches(name + " " + e.getKey(), e.getValue(), dev2.stateDict().get(e.getKey()), FAKE, 1e-6);
      }
      od2.stateDict().state().forEach(s -> s.values().forEach(t -> assertEquals(FAKE, t.device(), name + " state")));
    })));
    return tests.stream();
  }

  @Test
  void everyOptimizerClassHasACase() throws IOException {
    TreeSet<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("target/classes/io/jgrad/nn/optim"))) {
      for (Path f : files.toList()) {
        String n = f.getFileName().toString();
        if (!n.endsWith(".class") || n.contains("$")) continue;
        try {
          Class<?> c = Class.forName("io.jgrad.nn.optim." + n.substring(0, n.length() - 6));
          if (Optimizer.class.isAssignableFrom(c) && c != Optimizer.class) found.add(c.getSimpleName());
        } catch (ClassNotFoundException e) {
          throw new AssertionError(n, e);
        }
      }
    }
    assertEquals(6, found.size(), found.toString());
    assertEquals(found, new TreeSet<>(optimizers().keySet()));
  }

  private static TensorDataset data(int n, long seed) {
    return new TensorDataset(Tensor.randn(new Generator(seed), n, 4), Tensor.randint(new Generator(seed + 1), 0, 3, n));
  }

  private static History train(Device device, boolean loaderOnDevice, long[] transfers) {
    Module m = model(3).to(device);
    Optimizer opt = new Adam(m.parameters(), 0.01);
    DataLoader.Builder lb = DataLoader.builder(data(40, 5), 8).shuffle(true).seed(9);
    if (loaderOnDevice) lb.device(device).prefetch(true);
    DataLoader train = lb.build();
    long up = FakeBackend.uploads(), down = FakeBackend.downloads();
    History h = Trainer.builder(m, opt, FakeDeviceTrainingTest::crossEntropy).epochs(2).clipGradNorm(1.0).build().fit(train, null);
    transfers[0] = FakeBackend.uploads() - up;
    transfers[1] = FakeBackend.downloads() - down;
    return h;
  }

  @Test
  void trainerOnTheDeviceMatchesTheCpuWithOneUploadPerBatchTensorAndOneReadBackPerStep() {
    long[] none = new long[2], t = new long[2], t2 = new long[2];
    History cpu = train(Device.CPU, false, none);
    History dev = train(FAKE, false, t);
    History devLoader = train(FAKE, true, t2);
    assertEquals(2, cpu.epochs().size());
    for (int e = 0; e < 2; e++) {
      assertEquals(cpu.epochs().get(e).trainLoss(), dev.epochs().get(e).trainLoss(), 1e-6);
      assertEquals(cpu.epochs().get(e).trainAccuracy(), dev.epochs().get(e).trainAccuracy(), 1e-12);
      assertEquals(cpu.epochs().get(e).trainLoss(), devLoader.epochs().get(e).trainLoss(), 1e-6);
    }
    int steps = 2 * 5;
    // Counted from fit on: uploads are x, y and the sample indices of each batch (Batch.to moves
    // every tensor of a batch, so per-sample objectives find the indices on the device); downloads per step are the one
    // metrics read, the gradient clipping norm, and the index range checks of gather (forward
    // of the loss) and scatterAdd (its backward), which read the index back (docs/devices.md).
    assertEquals(3 * steps, t[0], "uploads");
    assertEquals(4 * steps, t[1], "downloads");
    assertEquals(t[0], t2[0], "uploads with the loader delivering on the device");
    assertEquals(t[1], t2[1]);
  }

  @Test
  void checkpointsSaveFromTheDeviceAndLoadOntoIt(@TempDir Path dir) throws IOException {
    Module m = model(4).to(FAKE);
    Optimizer opt = new AdamW(m.parameters(), 0.01);
    step(m, opt, 0);
    Path f = dir.resolve("c.safetensors");
    new Checkpoint(m.stateDict(), OptimizerStates.tensors(opt.stateDict()), 1, 0, 0,
        OptimizerStates.metadata(opt.stateDict())).save(f);
    Checkpoint c = Checkpoint.load(f);
    Module back = model(8).to(FAKE);
    c.loadInto(back.stateDict());
    Optimizer ob = new AdamW(back.parameters(), 0.01);
    ob.loadStateDict(OptimizerStates.fromCheckpoint(c));
    for (var e : m.stateDict().entrySet()) {
      Tensor b = back.stateDict().get(e.getKey());
      assertEquals(FAKE, b.device());
      assertTrue(java.util.Arrays.equals(e.getValue().to(DType.FLOAT64).toDoubleArray(), b.to(DType.FLOAT64).toDoubleArray()),
          e.getKey());
    }
    step(m, opt, 1);
    step(back, ob, 1);
    for (var e : m.stateDict().entrySet()) assertMatches(e.getKey(), e.getValue().to(Device.CPU), back.stateDict().get(e.getKey()), FAKE, 0);
  }
}
