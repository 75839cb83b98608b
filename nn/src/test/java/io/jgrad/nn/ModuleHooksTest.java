package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Forward hooks and pre-hooks: what they see, what they replace, and that every caller runs them. */
class ModuleHooksTest {
  static Tensor randn(long seed, int... shape) { return Tensor.randn(new Generator(seed), shape); }

  static void assertClose(Tensor expected, Tensor actual) {
    assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 1e-6);
  }

  @Test
  void hookSeesModuleInputsAndOutput() {
    Linear lin = new Linear(3, 2, true, new Generator(1));
    Tensor x = randn(2, 4, 3);
    List<Object[]> seen = new ArrayList<>();
    lin.registerForwardHook((m, in, out) -> {
      seen.add(new Object[] {m, in, out});
      return null;
    });
    Tensor y = lin.call(x);
    assertEquals(1, seen.size());
    assertSame(lin, seen.get(0)[0]);
    assertSame(x, ((Tensor[]) seen.get(0)[1])[0]);
    assertSame(y, seen.get(0)[2]);
    lin.forward(x);
    assertEquals(1, seen.size(), "forward() is the bare computation; call() runs the hooks");
  }

  @Test
  void hooksReplaceOutputAndInputsAndHandlesRemoveThem() {
    Sequential m = new Sequential(new Linear(3, 3, true, new Generator(3)), new ReLU(), new Linear(3, 2, true, new Generator(4)));
    Tensor x = randn(5, 2, 3);
    Tensor plain = m.call(x);
    HookHandle zero = m.get(1).registerForwardHook((mod, in, out) -> Tensor.zerosLike(out));
    Tensor bias = ((Linear) m.get(2)).bias();
    assertClose(bias.unsqueeze(0).expand(2, 2), m.call(x));
    zero.remove();
    zero.remove();
    assertClose(plain, m.call(x));
    try (HookHandle doubled = m.get(0).registerForwardPreHook((mod, in) -> new Tensor[] {in[0].mul(2.0)})) {
      Tensor expected = m.get(2).forward(m.get(1).forward(m.get(0).forward(x.mul(2.0))));
      assertClose(expected, m.call(x));
    }
    assertClose(plain, m.call(x));
  }

  @Test
  void hooksRunInRegistrationOrderAndMayRemoveThemselves() {
    Identity id = new Identity();
    List<String> order = new ArrayList<>();
    HookHandle[] self = new HookHandle[1];
    id.registerForwardPreHook((m, in) -> {
      order.add("pre");
      return null;
    });
    id.registerForwardHook((m, in, out) -> {
      order.add("a");
      return out.add(1.0);
    });
    self[0] = id.registerForwardHook((m, in, out) -> {
      order.add("b:" + out.item());
      self[0].remove();
      return out.mul(10.0);
    });
    assertEquals(20.0, id.call(Tensor.of(1f)).item());
    assertEquals(List.of("pre", "a", "b:2.0"), order);
    assertEquals(2.0, id.call(Tensor.of(1f)).item());
  }

  @Test
  void compositeLayersCallTheirChildrenThroughTheirHooks() {
    Generator g = new Generator(7);
    TransformerEncoderLayer enc = new TransformerEncoderLayer(8, 2, 16, 0.0, false, 1e-5, false, false, g);
    AtomicInteger count = new AtomicInteger();
    for (String n : List.of("self_attn", "self_attn.out_proj", "linear1", "linear2", "norm1", "norm2", "dropout1")) {
      enc.namedModules().get(n).registerForwardHook((m, in, out) -> {
        count.incrementAndGet();
        return null;
      });
    }
    enc.call(randn(8, 3, 2, 8));
    assertEquals(7, count.get());
    List<Integer> inputCounts = new ArrayList<>();
    enc.namedModules().get("self_attn").registerForwardHook((m, in, out) -> {
      inputCounts.add(in.length);
      return null;
    });
    enc.call(randn(9, 3, 2, 8));
    assertEquals(List.of(5), inputCounts, "query, key, value and the two masks");
  }

  @Test
  void summaryAndTrainerRunTheHooks() {
    Sequential m = new Sequential(new Linear(2, 4, true, new Generator(1)), new Tanh(), new Linear(4, 2, true, new Generator(2)));
    AtomicInteger calls = new AtomicInteger();
    m.get(1).registerForwardHook((mod, in, out) -> {
      calls.incrementAndGet();
      return null;
    });
    m.summary(3, 2);
    assertEquals(1, calls.get());
    TensorDataset d = new TensorDataset(randn(3, 12, 2), Tensor.randint(new Generator(4), 0, 2, 12));
    DataLoader loader = DataLoader.builder(d, 4).build();
    Trainer t = Trainer.builder(m, new SGD(m.parameters(), 0.1), (out, y) -> out.logSoftmax(1).gather(1, y.unsqueeze(1)).neg().mean())
        .epochs(1).build();
    t.fit(loader, null);
    assertEquals(1 + 3, calls.get(), "three training batches");
    AtomicInteger whole = new AtomicInteger();
    m.registerForwardHook((mod, in, out) -> {
      whole.incrementAndGet();
      return null;
    });
    t.evaluate(loader);
    assertEquals(3, whole.get(), "the Trainer calls the model itself through call()");
  }

  @Test
  void rnnsTakeTheirStatesAsInputs() {
    LSTM lstm = new LSTM(3, 4, 1, true, false, new Generator(5));
    Tensor x = randn(6, 5, 2, 3), h0 = randn(7, 1, 2, 4), c0 = randn(8, 1, 2, 4);
    assertClose(lstm.forward(x, h0, c0).output(), lstm.call(x, h0, c0));
    assertClose(lstm.forward(x, h0, null).output(), lstm.call(x, h0));
    GRU gru = new GRU(3, 4, 1, true, false, new Generator(6));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gru.call(x, h0, c0));
    assertTrue(e.getMessage().contains("GRU: expects 1 to 2 inputs (x, h0), got 3"), e.getMessage());
  }
}
