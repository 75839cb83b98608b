package io.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.optim.Adagrad;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.optim.AdamW;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.OptimizerState;
import io.jgrad.nn.optim.ParamGroup;
import io.jgrad.nn.optim.RMSprop;
import io.jgrad.nn.optim.SGD;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A checkpoint's optimizer state is torch.optim's: the per-parameter keys (exp_avg, ...,
 * step), their values after three steps and the param_groups equal torch 1.13's own
 * {@code state_dict()} (golden/optim_state.json from tools/golden/gen_optim_state.py; no Python
 * needed), and, where /usr/bin/python3 has torch, the checkpoint loads into torch.optim through
 * tools/checkpoint/jgrad_checkpoint.py and the next step there equals the next step here.
 */
class TorchOptimizerStateTest {
  /** Options only torch has (implementation switches), left out of the comparison. */
  static final Set<String> TORCH_ONLY = Set.of("foreach", "capturable", "differentiable", "fused");

  static final Map<String, Function<List<Tensor>, Optimizer>> CONFIGS = Map.of(
      "sgd", ps -> new SGD(ps, 0.1, Map.of("momentum", 0.9, "nesterov", true, "weightDecay", 0.01)),
      "adam", ps -> new Adam(ps, 0.01, Map.of("amsgrad", true, "weightDecay", 0.1)),
      "adamw", ps -> new AdamW(ps, 0.01),
      "rmsprop", ps -> new RMSprop(ps, 0.01, Map.of("centered", true, "momentum", 0.5)),
      "adagrad", ps -> new Adagrad(ps, 0.1, Map.of("lrDecay", 0.01, "initialAccumulatorValue", 0.1)),
      "adam_groups", ps -> new Adam(0.01, List.of(new ParamGroup(List.of(ps.get(0))),
          new ParamGroup(List.of(ps.get(1))).set("lr", 0.001).set("beta1", 0.8).set("beta2", 0.99))));

  static List<Tensor> init() {
    return List.of(Tensor.of(new double[][] {{0.5, -1.0}, {1.5, 2.0}, {-0.25, 0.75}}).requiresGrad(true),
        Tensor.of(1.0, -2.0, 0.5, 3.0).requiresGrad(true));
  }

  /** The gradient of step t, as the generator computes it: g = p (0.3 + 0.1 t) - 0.2. */
  static Tensor gradAt(Tensor p, int t) { return p.detach().mul(0.3 + 0.1 * t).sub(0.2); }

  static Optimizer run(String name, List<Tensor> ps, int steps) {
    Optimizer opt = CONFIGS.get(name).apply(ps);
    for (int t = 0; t < steps; t++) {
      for (Tensor p : ps) p.setGrad(gradAt(p, t));
      opt.step();
    }
    return opt;
  }

  static Checkpoint saveAndLoad(Path dir, Map<String, Tensor> model, OptimizerState sd) throws IOException {
    Path f = Files.createTempFile(dir, "opt", ".safetensors");
    new Checkpoint(model, OptimizerStates.tensors(sd), 3, 0, 0, OptimizerStates.metadata(sd)).save(f);
    return Checkpoint.load(f);
  }

  static double[] doubles(Object json) {
    List<?> l = (List<?>) json;
    double[] d = new double[l.size()];
    for (int i = 0; i < d.length; i++) d[i] = ((BigDecimal) l.get(i)).doubleValue();
    return d;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "adam", "adamw", "rmsprop", "adagrad", "adam_groups"})
  void checkpointStateIsTorchsStateDict(String name, @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Map<?, ?> golden = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(
        Path.of("src/test/resources/golden/optim_state.json")))).get("cases");
    Map<?, ?> c = (Map<?, ?>) golden.get(name);
    List<Tensor> ps = init();
    OptimizerState sd = run(name, ps, 3).stateDict();
    assertEquals(c.get("optimizer"), sd.optimizer());
    List<?> torchParams = (List<?>) c.get("params");
    for (int i = 0; i < ps.size(); i++) assertArrayEquals(doubles(torchParams.get(i)), ps.get(i).toDoubleArray(), 1e-12, "p" + i);

    Checkpoint ck = saveAndLoad(dir, Map.of(), sd);
    Map<?, ?> torchState = (Map<?, ?>) c.get("state");
    TreeSet<String> ours = new TreeSet<>(ck.optimizer().keySet());
    TreeSet<String> theirs = new TreeSet<>();
    for (var e : torchState.entrySet()) {
      for (var k : ((Map<?, ?>) e.getValue()).entrySet()) {
        String key = "state." + e.getKey() + "." + k.getKey();
        theirs.add(key);
        Tensor t = ck.optimizer().get(key);
        if (t == null) continue;
        if (k.getValue() instanceof Map<?, ?> enc) {
          assertArrayEquals(doubles(enc.get("data")), t.toDoubleArray(), 1e-12, name + " " + key);
        } else {
          assertEquals(((BigDecimal) k.getValue()).doubleValue(), t.item(), name + " " + key);
          assertEquals(DType.FLOAT32, t.dtype(), "step is a 0-dim float32 tensor, as torch 1.13's");
        }
      }
    }
    assertEquals(theirs, ours, name + ": the checkpoint's optimizer tensors are torch's state_dict keys");

    Map<?, ?> ourTorch = (Map<?, ?>) Json.parse(ck.metadata().get(OptimizerStates.TORCH_METADATA_KEY));
    assertEquals(c.get("optimizer"), ourTorch.get("optimizer"));
    List<?> ourGroups = (List<?>) ourTorch.get("param_groups"), torchGroups = (List<?>) c.get("param_groups");
    assertEquals(torchGroups.size(), ourGroups.size());
    for (int g = 0; g < torchGroups.size(); g++) {
      Map<?, ?> tg = (Map<?, ?>) torchGroups.get(g), og = (Map<?, ?>) ourGroups.get(g);
      TreeSet<String> tk = new TreeSet<>();
      for (Object k : tg.keySet()) if (!TORCH_ONLY.contains(k)) tk.add((String) k);
      assertEquals(tk, new TreeSet<>(og.keySet().stream().map(Object::toString).toList()), name + " group " + g + " options");
      for (String k : tk) {
        Object tv = tg.get(k), ov = og.get(k);
        if (tv instanceof BigDecimal || tv instanceof List<?> && ((List<?>) tv).get(0) instanceof BigDecimal) {
          double[] a = tv instanceof List<?> ? doubles(tv) : new double[] {((BigDecimal) tv).doubleValue()};
          double[] b = ov instanceof List<?> ? doubles(ov) : new double[] {((BigDecimal) ov).doubleValue()};
          assertArrayEquals(a, b, 0, name + " group " + g + " " + k);
        } else {
          assertEquals(tv, ov, name + " group " + g + " " + k);
        }
      }
    }
    // and the checkpoint loads back into jgrad: the same state
    OptimizerState back = OptimizerStates.fromCheckpoint(ck);
    assertEquals(sd.steps(), back.steps());
    for (int i = 0; i < sd.state().size(); i++) assertEquals(sd.state().get(i).keySet(), back.state().get(i).keySet());
  }

  @Test
  void checkpointLoadsIntoTorchOptimAndTheNextStepAgrees(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve("tools/checkpoint/check_torch_optim.py"))) root = root.getParent();
    Assumptions.assumeTrue(root != null, "tools/checkpoint/check_torch_optim.py not found above " + Path.of("").toAbsolutePath());
    String why = torchMissing();
    Assumptions.assumeTrue(why == null, "skipped: /usr/bin/python3 cannot import torch (" + why + ")");

    List<String> names = List.of("sgd", "adam", "adamw", "rmsprop", "adagrad", "adam_groups");
    Map<String, List<Tensor>> params = new LinkedHashMap<>();
    Map<String, Optimizer> opts = new LinkedHashMap<>();
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", root.resolve("tools/checkpoint/check_torch_optim.py").toString()));
    for (String name : names) {
      List<Tensor> ps = init();
      Optimizer opt = run(name, ps, 3);
      Map<String, Tensor> model = new LinkedHashMap<>();
      for (int i = 0; i < ps.size(); i++) {
        model.put("p" + i, ps.get(i).detach().copy());
        model.put("g" + i, gradAt(ps.get(i), 3));
      }
      Path f = dir.resolve(name + ".safetensors");
      OptimizerState sd = opt.stateDict();
      new Checkpoint(model, OptimizerStates.tensors(sd), 3, 0, 0, OptimizerStates.metadata(sd)).save(f);
      cmd.add(f.toString());
      params.put(name, ps);
      opts.put(name, opt);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    List<String> lines = out.strip().lines().filter(l -> l.startsWith("{")).toList();
    assertEquals(names.size(), lines.size(), out);
    for (int n = 0; n < names.size(); n++) {
      String name = names.get(n);
      Map<?, ?> torch = (Map<?, ?>) Json.parse(lines.get(n));
      List<Tensor> ps = params.get(name);
      Optimizer opt = opts.get(name);
      for (Tensor q : ps) q.setGrad(gradAt(q, 3));
      opt.step();
      List<?> tp = (List<?>) torch.get("params"), keys = (List<?>) torch.get("state_keys");
      for (int i = 0; i < ps.size(); i++) {
        assertArrayEquals(doubles(tp.get(i)), ps.get(i).toDoubleArray(), 1e-12, name + ": p" + i + " after torch's step");
        List<String> ourKeys = new ArrayList<>(opt.stateDict().state().get(i).keySet());
        if (!name.equals("sgd")) ourKeys.add("step");
        assertEquals(keys.get(i), new ArrayList<>(new TreeSet<>(ourKeys)), name + ": state keys of parameter " + i);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "adam", "rmsprop"})
  void checkpointsWithTheEarlierCamelCaseNamesStillLoad(String name, @org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Map<String, String> legacy = Map.of("exp_avg", "expAvg", "exp_avg_sq", "expAvgSq", "max_exp_avg_sq", "maxExpAvgSq",
        "momentum_buffer", "momentumBuffer", "square_avg", "squareAvg", "grad_avg", "gradAvg");
    List<Tensor> a = init(), b = init();
    Optimizer optA = run(name, a, 3);
    OptimizerState sd = optA.stateDict();
    // the file an earlier version wrote: camelCase state names, no step tensors, no optim.torch.json
    Map<String, Tensor> old = new LinkedHashMap<>();
    for (int i = 0; i < sd.state().size(); i++) {
      for (var e : sd.state().get(i).entrySet()) old.put("state." + i + "." + legacy.getOrDefault(e.getKey(), e.getKey()), e.getValue());
    }
    assertTrue(old.keySet().stream().anyMatch(k -> k.matches(".*[a-z][A-Z].*")), old.keySet().toString());
    Path f = dir.resolve("old.safetensors");
    new Checkpoint(Map.of(), old, 3, 0, 0, Map.of(OptimizerStates.METADATA_KEY, OptimizerStates.metadata(sd).get(OptimizerStates.METADATA_KEY))).save(f);
    Optimizer optB = CONFIGS.get(name).apply(b);
    for (int i = 0; i < b.size(); i++) {
      try (var off = io.jgrad.autograd.Grad.disabled()) {
        b.get(i).copyFrom(a.get(i));
      }
    }
    optB.loadStateDict(OptimizerStates.fromCheckpoint(Checkpoint.load(f)));
    assertEquals(sd.state().get(0).keySet(), optB.stateDict().state().get(0).keySet(), "loaded under torch's names");
    for (int t = 3; t < 5; t++) {
      for (int i = 0; i < a.size(); i++) {
        a.get(i).setGrad(gradAt(a.get(i), t));
        b.get(i).setGrad(gradAt(b.get(i), t));
      }
      optA.step();
      optB.step();
    }
    for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).toDoubleArray(), b.get(i).toDoubleArray(), 0, name + " p" + i);
  }

  /** Null when /usr/bin/python3 imports torch, else why not. */
  static String torchMissing() {
    if (!Files.isExecutable(Path.of("/usr/bin/python3"))) return "no /usr/bin/python3";
    try {
      Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) return "import torch timed out";
      return p.exitValue() == 0 ? null : out.strip().lines().reduce((a, b) -> b).orElse("exit " + p.exitValue());
    } catch (IOException | InterruptedException e) {
      return e.toString();
    }
  }
}
