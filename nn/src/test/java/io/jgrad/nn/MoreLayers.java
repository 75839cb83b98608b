package io.jgrad.nn;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.GoldenCase;
import java.util.Map;
import java.util.function.Function;

/** Golden-test constructors of the convolution, pooling, normalisation and embedding layers. */
final class MoreLayers {
  private MoreLayers() {}

  static final Generator G = new Generator(11);

  static int[] pair(GoldenCase c, String name) {
    return c.args().get(name).isJsonArray() ? c.intsArg(name) : new int[] {c.intArg(name), c.intArg(name)};
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
    m.put("ConvNet", c -> new Sequential(new Conv2d(1, 4, 3, 1, 1), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
        new Flatten(), new Linear(36, 5), new LogSoftmax(1)));
  }
}
