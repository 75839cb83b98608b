package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Golden;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties of the composite layers (RNNs, attention) and their life across TensorScopes. */
class LayerPropertyTest {
  static final Generator G = new Generator(21);

  @Test
  void parametersAndBuffersSurviveScopes() {
    BatchNorm2d bn;
    Embedding emb;
    LSTM lstm;
    try (TensorScope s = TensorScope.open()) {
      bn = new BatchNorm2d(3);
      emb = new Embedding(5, 2, 1, G);
      lstm = new LSTM(2, 3, 2, true, false, G);
    }
    for (int step = 0; step < 2; step++) {
      try (TensorScope s = TensorScope.open()) {
        bn.forward(Tensor.randn(G, 2, 3, 2, 2)).sum().backward();
        emb.forward(Tensor.of(0L, 1L, 4L)).sum().backward();
        lstm.forward(Tensor.randn(G, 3, 1, 2)).sum().backward();
      }
    }
    for (Module m : List.of(bn, emb, lstm)) {
      m.stateDict().forEach((k, v) -> assertFalse(v.isClosed(), m.getClass().getSimpleName() + "." + k + " was closed"));
    }
    assertEquals(2, (long) bn.numBatchesTracked().item());
    for (float f : emb.weight().select(0, 1).toFloatArray()) assertEquals(0f, f);
    for (float f : emb.weight().grad().select(0, 1).toFloatArray()) assertEquals(0f, f, "padding row gets no gradient");
  }

  @Test
  void rnnBatchFirstAndUnbatchedAgreeWithSequenceFirst() {
    for (boolean lstm : new boolean[] {true, false}) {
      RnnBase a = lstm ? new LSTM(3, 4, 2, true, false, new Generator(1)) : new GRU(3, 4, 2, true, false, new Generator(1));
      RnnBase b = lstm ? new LSTM(3, 4, 2, true, true, new Generator(1)) : new GRU(3, 4, 2, true, true, new Generator(1));
      Tensor x = Tensor.randn(G, 5, 2, 3);
      Golden.assertClose("batchFirst", a.forward(x), b.forward(x.transpose(0, 1)).transpose(0, 1), 1e-6, 1e-5);
      Tensor one = a.forward(x.narrow(1, 1, 1)).squeeze(1);
      Golden.assertClose("unbatched", one, a.forward(x.select(1, 1).contiguous()), 1e-6, 1e-5);
    }
    GRU g = new GRU(3, 4);
    RnnOutput o = g.forward(Tensor.randn(G, 6, 2, 3), null);
    assertNull(o.c());
    assertArrayEquals(new int[] {1, 2, 4}, o.h().shape());
    Golden.assertClose("h_n is the last output", o.output().select(0, 5), o.h().select(0, 0), 0, 0);
  }

  @Test
  void attentionWeightsAreDistributionsAndRespectMasks() {
    MultiheadAttention mha = new MultiheadAttention(6, 3, 0, true, true, G);
    Tensor q = Tensor.randn(G, 2, 4, 6), kv = Tensor.randn(G, 2, 5, 6);
    Tensor pad = Tensor.of(false, false, true, false, true, false, false, false, false, true).reshape(2, 5);
    AttentionOutput o = mha.forward(q, kv, kv, pad, true, null);
    assertArrayEquals(new int[] {2, 4, 6}, o.output().shape());
    assertArrayEquals(new int[] {2, 4, 5}, o.weights().shape());
    Golden.assertClose("rows sum to 1", Tensor.ones(2, 4), o.weights().sum(new int[] {2}, false), 1e-6, 1e-5);
    for (int l = 0; l < 4; l++) {
      assertEquals(0, o.weights().get(0, l, 2));
      assertEquals(0, o.weights().get(0, l, 4));
      assertEquals(0, o.weights().get(1, l, 4));
    }
    assertNull(mha.forward(q, kv, kv, null, false, null).weights());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> mha.forward(q, kv, kv, Tensor.zeros(2, 4), true, null));
    assertTrue(e.getMessage().contains("keyPaddingMask must have shape [2, 5]") && e.getMessage().contains("[2, 4]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> mha.forward(q, kv, kv, null, true, Tensor.zeros(5, 5)));
    assertTrue(e.getMessage().contains("attnMask must have shape [4, 5] or [6, 4, 5]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(6, 4));
    assertTrue(e.getMessage().contains("6") && e.getMessage().contains("4"), e.getMessage());
  }

  @Test
  void transformerStateDictKeysMatchTorch() {
    // torch: nn.TransformerEncoderLayer(8, 2, 16).state_dict().keys()
    TransformerEncoderLayer t = new TransformerEncoderLayer(8, 2, 16, 0.1, false, 1e-5, false, false, G);
    assertEquals(List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
        "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias", "norm1.weight",
        "norm1.bias", "norm2.weight", "norm2.bias"), List.copyOf(t.stateDict().keySet()));
    Tensor x = Tensor.randn(G, 4, 2, 8);
    t.eval();
    Golden.assertClose("eval is deterministic", t.forward(x), t.forward(x), 0, 0);
    t.train();
    assertFalse(java.util.Arrays.equals(t.forward(x).toFloatArray(), t.forward(x).toFloatArray()), "dropout is active in training");
  }

  @Test
  void rnnErrors() {
    LSTM l = new LSTM(3, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(5, 2, 4)));
    assertTrue(e.getMessage().contains("[T, N, 3]") && e.getMessage().contains("[5, 2, 4]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(5, 2, 3), Tensor.zeros(1, 3, 4), null));
    assertTrue(e.getMessage().contains("h0 must have shape [1, 2, 4]"), e.getMessage());
    Bilinear b = new Bilinear(2, 3, 4);
    e = assertThrows(IllegalArgumentException.class, () -> b.forward(Tensor.zeros(5, 2), Tensor.zeros(4, 3)));
    assertTrue(e.getMessage().contains("[5, 2]") && e.getMessage().contains("[4, 3]"), e.getMessage());
  }
}
