package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Golden;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every layer against torch.nn 1.13 (tools/golden/gen_nn_layers.py): the torch layer's state dict
 * is loaded with loadStateDict (strict), then the output, the gradients of (y * w).sum() with
 * respect to the input and every parameter, and the state after the forward pass (running
 * statistics) are compared. float32 throughout: forward atol 1e-5 (sums over up to a few hundred
 * float32 terms in a different order than torch), gradients atol 1e-4 / rtol 1e-3.
 */
class LayerGoldenTest {
  static final double FWD_ATOL = 1e-5, GRAD_ATOL = 1e-4, RTOL = 1e-3;
  static final Generator G = new Generator(7);

  static final Map<String, Function<GoldenCase, Module>> LAYERS = new HashMap<>();

  static {
    LAYERS.put("Linear", c -> new Linear(c.intArg("in"), c.intArg("out"), c.boolArg("bias"), G));
    LAYERS.put("Sequential", c -> new Sequential(new Linear(4, 6), new ReLU(), new Linear(6, 3), new Tanh()));
    LAYERS.put("ReLU", c -> new ReLU());
    LAYERS.put("Tanh", c -> new Tanh());
    LAYERS.put("Sigmoid", c -> new Sigmoid());
    LAYERS.put("SiLU", c -> new SiLU());
    LAYERS.put("Identity", c -> new Identity());
    LAYERS.put("LeakyReLU", c -> new LeakyReLU(c.doubleArg("slope")));
    LAYERS.put("ELU", c -> new ELU(c.doubleArg("alpha")));
    LAYERS.put("GELU", c -> new GELU(c.boolArg("approximate")));
    LAYERS.put("GELU_tanh", c -> new GELU(c.boolArg("approximate")));
    LAYERS.put("Softplus", c -> new Softplus(c.doubleArg("beta"), c.doubleArg("threshold")));
    LAYERS.put("Softmax", c -> new Softmax(c.intArg("dim")));
    LAYERS.put("LogSoftmax", c -> new LogSoftmax(c.intArg("dim")));
    LAYERS.put("Flatten", c -> new Flatten());
    MoreLayers.register(LAYERS);
  }

  @TestFactory
  Stream<DynamicTest> golden() {
    List<GoldenCase> cases = Golden.load("nn_layers");
    assertEquals(true, cases.size() >= 64, "cases: " + cases.size());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
  }

  static List<String> strings(GoldenCase c, String name) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : c.args().getAsJsonArray(name)) out.add(e.getAsString());
    return out;
  }

  static void check(GoldenCase c) {
    Function<GoldenCase, Module> ctor = LAYERS.get(c.op());
    if (ctor == null) throw new AssertionError(c.id() + ": no Java layer for " + c.op());
    Module m = ctor.apply(c);
    List<String> keys = strings(c, "keys"), params = strings(c, "params");
    LinkedHashMap<String, Tensor> sd = new LinkedHashMap<>();
    int first = c.intArg("nin", 1), ndiffState = c.intArg("ndiff", first);
    for (int i = 0; i < keys.size(); i++) sd.put(keys.get(i), c.input(first + i));
    assertEquals(keys, new ArrayList<>(m.stateDict().keySet()), c.id() + ": state dict keys");
    assertEquals(params, new ArrayList<>(m.namedParameters().keySet()), c.id() + ": parameter names");
    m.loadStateDict(sd, true);
    m.train(c.boolArg("train"));
    int nin = c.intArg("nin", 1), ndiff = c.intArg("ndiff", nin);
    List<Tensor> xs = new ArrayList<>();
    for (int i = 0; i < nin; i++) {
      Tensor x = c.input(i);
      if (i < ndiff && x.dtype().isFloatingPoint()) x.requiresGrad(true);
      xs.add(x);
    }
    Tensor y = MoreLayers.forward(m, xs, c);
    Golden.assertClose(c.id() + ": output", c.expected(0), y, FWD_ATOL, RTOL);
    y.mul(c.expected(1)).sum().backward();
    for (int i = 0; i < ndiff; i++) {
      if (xs.get(i).requiresGrad()) Golden.assertClose(c.id() + ": grad input " + i, c.expected(2 + i), xs.get(i).grad(), GRAD_ATOL, RTOL);
    }
    Map<String, Tensor> np = m.namedParameters();
    for (int i = 0; i < params.size(); i++) {
      Tensor gr = np.get(params.get(i)).grad();
      Tensor expect = c.expected(2 + ndiff + i);
      Golden.assertClose(c.id() + ": grad " + params.get(i), expect, gr == null ? Tensor.zerosLike(expect) : gr, GRAD_ATOL, RTOL);
    }
    Map<String, Tensor> after = m.stateDict();
    for (int i = 0; i < keys.size(); i++) {
      Golden.assertClose(c.id() + ": state after forward " + keys.get(i), c.expected(2 + ndiffState + params.size() + i),
          after.get(keys.get(i)), FWD_ATOL, RTOL);
    }
  }
}
