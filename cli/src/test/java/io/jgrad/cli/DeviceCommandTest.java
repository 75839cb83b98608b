package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.train.Metrics;
import io.jgrad.tensor.fake.FakeBackend;
import io.jgrad.tensor.spi.BackendProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --device} and {@code jgrad devices}, through the test-only fake device of the tensor
 * test-jar (CPU kernels behind device-owned buffers): training there must give the CPU's loss
 * curve, and absent backends or devices one clear error with exit code 2.
 */
class DeviceCommandTest {
  @TempDir Path tmp;

  private static Options opts(String... a) { return Options.parse(List.of(a), Options.TRAIN_KEYS, "train"); }

  private static PrintStream sink(ByteArrayOutputStream b) { return new PrintStream(b, true, StandardCharsets.UTF_8); }

  /** metrics.csv rows as numbers, without the wall-clock seconds column. */
  private static double[][] curve(Path dir) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
    double[][] r = new double[lines.size() - 1][];
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      r[i - 1] = new double[f.length - 1];
      for (int j = 0; j < f.length - 1; j++) r[i - 1][j] = f[j].isEmpty() ? Double.NaN : Double.parseDouble(f[j]);
    }
    return r;
  }

  @Test
  void trainingOnTheFakeDeviceGivesTheCpuCurveAndEvalRunsThere() throws IOException {
    ByteArrayOutputStream logCpu = new ByteArrayOutputStream(), logDev = new ByteArrayOutputStream();
    TrainCommand.Result cpu = TrainCommand.run(opts("--epochs", "2", "--out", tmp.resolve("cpu").toString(), "--seed", "5"),
        sink(logCpu));
    long uploads = FakeBackend.uploads();
    TrainCommand.Result dev = TrainCommand.run(opts("--epochs", "2", "--out", tmp.resolve("dev").toString(), "--seed", "5",
        "--device", "fake"), sink(logDev));
    assertTrue(FakeBackend.uploads() > uploads, "the fake device was used");
    assertTrue(logDev.toString(StandardCharsets.UTF_8).contains("device: fake:0"), logDev.toString());
    double[][] a = curve(tmp.resolve("cpu")), b = curve(tmp.resolve("dev"));
    assertEquals(2, a.length);
    assertEquals(a.length, b.length);
    for (int e = 0; e < a.length; e++) {
      for (int j = 0; j < a[e].length; j++) {
        assertEquals(a[e][j], b[e][j], 1e-6, "epoch " + (e + 1) + " column " + j + "\n" + logDev);
      }
    }
    assertEquals(cpu.testLoss(), dev.testLoss(), 1e-6);
    assertEquals(cpu.testAccuracy(), dev.testAccuracy(), 1e-12);

    // A checkpoint written from the device evaluates on the device and on the CPU alike.
    Path ckpt = tmp.resolve("dev").resolve("epoch-002.safetensors");
    Metrics onDev = EvalCommand.run(Options.parse(List.of("--checkpoint", ckpt.toString(), "--device", "fake:0"),
        Options.EVAL_KEYS, "eval"), sink(new ByteArrayOutputStream()));
    Metrics onCpu = EvalCommand.run(Options.parse(List.of("--checkpoint", ckpt.toString()), Options.EVAL_KEYS, "eval"),
        sink(new ByteArrayOutputStream()));
    assertEquals(onCpu.loss(), onDev.loss(), 1e-6);
    assertEquals(dev.testAccuracy(), onDev.accuracy(), 1e-12);
  }

  @Test
  void absentBackendsAndDevicesAreOneLineErrorsWithExitCode2() {
    OptionsTest.assertCli(2, "jgrad train: --device nosuch: no backend for device type 'nosuch': add the jgrad-kernels-nosuch module",
        "train", "--device", "nosuch", "--epochs", "1");
    OptionsTest.assertCli(2, "--device fake:3: device fake:3 is not available; present: [fake:0]",
        "train", "--device", "fake:3", "--epochs", "1");
    OptionsTest.assertCli(2, "--device cuda:x: bad device 'cuda:x': expected type or type:index", "train", "--device", "cuda:x");
    OptionsTest.assertCli(2, "jgrad eval: --device nosuch:1", "eval", "--checkpoint", "x", "--device", "nosuch:1");
    OptionsTest.assertCli(2, "jgrad devices: takes no options", "devices", "--all");
  }

  private static Optional<BackendProvider> provider(String type) {
    for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) if (p.type().equals(type)) return Optional.of(p);
    return Optional.empty();
  }

  /** Without the OpenCL module's provider (or without an OpenCL device) --device opencl says why. */
  @Test
  void openclWithoutItsModuleOrDeviceIsAClearError() {
    Optional<BackendProvider> p = provider("opencl");
    if (p.isEmpty()) {
      OptionsTest.assertCli(2, "--device opencl: no backend for device type 'opencl': add the jgrad-kernels-opencl module to the "
          + "class path", "train", "--device", "opencl", "--epochs", "1");
    } else {
      Assumptions.assumeTrue(p.get().devices().isEmpty(), "an OpenCL device is present: --device opencl trains (OpenCL suite)");
      OptionsTest.assertCli(2, "--device opencl: device opencl:0 is not available: " + p.get().unavailableReason(),
          "train", "--device", "opencl", "--epochs", "1");
    }
  }

  /**
   * {@code train --device opencl|cuda} trains the default model to the CPU's curve (kernels
   * differ in summation order: 1e-4 relative on losses) when that backend has a device; skips
   * with the reason otherwise, and fails instead when the backend's "required" switch is set
   * ({@code -Djgrad.requireOpenCL=true} or {@code JGRAD_REQUIRE_OPENCL=1}, the same for CUDA).
   */
  @ParameterizedTest
  @ValueSource(strings = {"opencl", "cuda"})
  void trainingOnAGpuBackendMatchesTheCpu(String type) throws IOException {
    String flag = type.equals("opencl") ? "OpenCL" : "Cuda";
    boolean required = Boolean.getBoolean("jgrad.require" + flag)
        || "1".equals(System.getenv("JGRAD_REQUIRE_" + type.toUpperCase(java.util.Locale.ROOT)));
    Optional<BackendProvider> p = provider(type);
    String absent = p.isEmpty() ? "no " + type + " backend on the class path"
        : p.get().devices().isEmpty() ? type + " has no device: " + p.get().unavailableReason() : null;
    if (absent != null) {
      if (required) throw new AssertionError(type + " is required but " + absent);
      Assumptions.abort(absent);
    }
    // Two epochs: one (on the 1293 digits left after the validation split) ends near 50%, too close to the bound below.
    TrainCommand.run(opts("--epochs", "2", "--out", tmp.resolve("cpu").toString()), sink(new ByteArrayOutputStream()));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TrainCommand.Result r = TrainCommand.run(opts("--epochs", "2", "--out", tmp.resolve(type).toString(), "--device", type),
        sink(log));
    double[][] a = curve(tmp.resolve("cpu")), b = curve(tmp.resolve(type));
    for (int e = 0; e < 2; e++) {
      for (int j : new int[] {1, 3}) assertEquals(a[e][j], b[e][j], 1e-4 * Math.abs(a[e][j]), "epoch " + (e + 1) + " loss column " + j + "\n" + log);
      for (int j : new int[] {2, 4}) assertEquals(a[e][j], b[e][j], 0.01, "epoch " + (e + 1) + " accuracy column " + j + "\n" + log);
    }
    assertTrue(r.testAccuracy() > 0.5, "two epochs of the default CNN on " + type + ": " + r.testAccuracy());
  }

  @Test
  void devicesListsTheCpuTheFakeDeviceAndWhyOthersAreMissing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    assertEquals(0, Main.run(new String[] {"devices"}, sink(out), sink(err)), err.toString());
    String s = out.toString(StandardCharsets.UTF_8);
    assertTrue(s.startsWith("devices (use with --device):\n  cpu  (built in, "), s);
    assertTrue(s.contains("\n  fake:0\n"), s);
    for (String t : DevicesCommand.KNOWN_TYPES) {
      Optional<BackendProvider> p = provider(t);
      if (p.isEmpty()) {
        assertTrue(s.contains("  " + t + ": no jgrad-kernels-" + t + " backend on the class path"), s);
      } else if (p.get().devices().isEmpty()) {
        assertTrue(s.contains("  " + t + ": " + p.get().unavailableReason()), s);
      } else {
        assertTrue(s.contains("  " + p.get().devices().get(0) + "\n"), s);
      }
    }
  }
}
