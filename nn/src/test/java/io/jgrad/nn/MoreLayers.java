package io.jgrad.nn;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Golden-test constructors of the convolution, pooling, normalisation and embedding layers. */
final class MoreLayers {
  private MoreLayers() {}

  static final Generator G = new Generator(11);

  static int[] pair(GoldenCase c, String name) {
    return c.args().get(name).isJsonArray() ? c.intsArg(name) : new int[] {c.intArg(name), c.intArg(name)};
  }

  /** Runs a layer on the case's inputs; RNNs return cat(output, h_n[, c_n]) flattened, as the generator. */
  static Tensor forward(Module m, List<Tensor> xs, GoldenCase c) {
    if (m instanceof MultiheadAttention a) {
      String masks = c.stringArg("masks");
      Tensor kpm = masks.contains("kpm") ? xs.get(3) : null;
      Tensor am = masks.contains("am") ? xs.get(masks.startsWith("am") ? 3 : 4) : null;
      AttentionOutput o = a.forward(xs.get(0), xs.get(1), xs.get(2), kpm, true, am);
      return Tensor.cat(List.of(o.output().reshape(-1), o.weights().reshape(-1)), 0);
    }
    if (m instanceof TransformerEncoderLayer t) {
      return c.stringArg("masks").isEmpty() ? t.forward(xs.get(0)) : t.forward(xs.get(0), xs.get(1), xs.get(2));
    }
    if (m instanceof Bilinear b) return b.forward(xs.get(0), xs.get(1));
    if (m instanceof LSTM l) {
      RnnOutput o = l.forward(xs.get(0), xs.size() > 1 ? xs.get(1) : null, xs.size() > 2 ? xs.get(2) : null);
      return Tensor.cat(List.of(o.output().reshape(-1), o.h().reshape(-1), o.c().reshape(-1)), 0);
    }
    if (m instanceof GRU gr) {
      RnnOutput o = gr.forward(xs.get(0), xs.size() > 1 ? xs.get(1) : null);
      return Tensor.cat(List.of(o.output().reshape(-1), o.h().reshape(-1)), 0);
    }
    return m.forward(xs.get(0));
  }

  static void register(Map<String, Function<GoldenCase, Module>> m) {
    m.put("Conv1d", c -> new Conv1d(c.intArg("in"), c.intArg("out"), c.intArg("k"), c.intArg("stride"), c.intArg("padding"),
        c.intArg("dilation"), c.intArg("groups"), c.boolArg("bias"), G));
    m.put("Conv2d", c -> new Conv2d(c.intArg("in"), c.intArg("out"), pair(c, "k"), pair(c, "stride"), pair(c, "padding"),
        pair(c, "dilation"), c.intArg("groups"), c.boolArg("bias"), G));
    m.put("MaxPool1d", c -> new MaxPool1d(c.intArg("k"), c.intArg("stride"), c.intArg("padding"), 1, c.boolArg("ceil")));
    m.put("MaxPool2d", c -> new MaxPool2d(pair(c, "k"), pair(c, "stride"), pair(c, "padding"), new int[] {1, 1}, c.boolArg("ceil")));
    m.put("AvgPool1d", c -> new AvgPool1d(c.intArg("k"), c.intArg("stride"), c.intArg("padding"), c.boolArg("ceil"),
        c.boolArg("cip")));
    m.put("AvgPool2d", c -> new AvgPool2d(pair(c, "k"), pair(c, "stride"), pair(c, "padding"), c.boolArg("ceil"),
        c.boolArg("cip")));
    m.put("AdaptiveAvgPool2d", c -> new AdaptiveAvgPool2d(c.intArg("oh"), c.intArg("ow")));
    m.put("BatchNorm1d", c -> new BatchNorm1d(c.intArg("c"), 1e-5, c.doubleArg("momentum"), c.boolArg("affine")));
    m.put("BatchNorm2d", c -> new BatchNorm2d(c.intArg("c"), 1e-5, c.doubleArg("momentum"), c.boolArg("affine")));
    m.put("LayerNorm", c -> new LayerNorm(c.intsArg("shape"), 1e-5, c.boolArg("affine")));
    m.put("GroupNorm", c -> new GroupNorm(c.intArg("groups"), c.intArg("c"), 1e-5, c.boolArg("affine")));
    m.put("Embedding", c -> new Embedding(c.intArg("n"), c.intArg("d"), c.has("pad") ? c.intArg("pad") : null, G));
    m.put("ConvTranspose2d", c -> new ConvTranspose2d(c.intArg("in"), c.intArg("out"), pair(c, "k"), pair(c, "stride"),
        pair(c, "padding"), pair(c, "outpad"), c.intArg("groups"), c.boolArg("bias"), new int[] {1, 1}, G));
    m.put("Bilinear", c -> new Bilinear(c.intArg("in1"), c.intArg("in2"), c.intArg("out"), true, G));
    m.put("LSTM", c -> new LSTM(c.intArg("in"), c.intArg("h"), c.intArg("layers"), c.boolArg("bias", true), c.boolArg("batchFirst"), G));
    m.put("GRU", c -> new GRU(c.intArg("in"), c.intArg("h"), c.intArg("layers"), c.boolArg("bias", true), c.boolArg("batchFirst"), G));
    m.put("MultiheadAttention", c -> new MultiheadAttention(c.intArg("E"), c.intArg("H"), 0, true, c.boolArg("batchFirst"), G));
    m.put("TransformerEncoderLayer", c -> new TransformerEncoderLayer(c.intArg("d"), c.intArg("h"), c.intArg("ff"), 0,
        c.boolArg("gelu"), 1e-5, c.boolArg("batchFirst"), c.boolArg("normFirst"), G));
    m.put("ConvNet", c -> new Sequential(new Conv2d(1, 4, 3, 1, 1), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
        new Flatten(), new Linear(36, 5), new LogSoftmax(1)));
  }
}
