package io.jgrad.nn.optim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads golden/optim.json (tools/golden/gen_optim.py) and rebuilds its problem with jgrad autograd. */
final class OptimGoldenData {
  static final JsonObject DOC = load();

  private OptimGoldenData() {}

  private static JsonObject load() {
    try (InputStream in = OptimGoldenData.class.getResourceAsStream("/golden/optim.json")) {
      if (in == null) throw new IllegalStateException("golden/optim.json missing: run tools/golden/gen_optim.py");
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double[] doubles(JsonElement e) {
    JsonArray a = e.getAsJsonArray();
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonElement v = a.get(i);
      out[i] = v.getAsJsonPrimitive().isString() ? Double.parseDouble(v.getAsString()) : v.getAsDouble();
    }
    return out;
  }

  static Tensor tensor(double[] data, int... shape) { return Tensor.fromArray(data, shape); }

  /** Fresh parameters w1 [3,4], b1 [4], w2 [4] (float64, requiring grad) at the problem's start. */
  static List<Tensor> initialParams() {
    JsonObject p = DOC.getAsJsonObject("problem");
    return List.of(tensor(doubles(p.get("w1")), 3, 4).requiresGrad(true), tensor(doubles(p.get("b1")), 4).requiresGrad(true),
        tensor(doubles(p.get("w2")), 4).requiresGrad(true));
  }

  /** loss = mean((tanh(x @ w1 + b1) @ w2 - y)^2) + 0.1 * sum((1 - w2)^2). */
  static Tensor loss(List<Tensor> ps) {
    JsonObject p = DOC.getAsJsonObject("problem");
    Tensor x = tensor(doubles(p.get("x")), 6, 3);
    Tensor y = tensor(doubles(p.get("y")), 6);
    Tensor r = x.matmul(ps.get(0)).add(ps.get(1)).tanh().matmul(ps.get(2)).sub(y);
    Tensor reg = ps.get(2).neg().add(1.0);
    return r.mul(r).mean().add(reg.mul(reg).sum().mul(0.1));
  }

  static final Map<String, String> KEYS = Map.of("weight_decay", "weightDecay", "lr_decay", "lrDecay",
      "initial_accumulator_value", "initialAccumulatorValue");

  /** Applies torch keyword options (python names) onto a group. */
  static void apply(ParamGroup g, JsonObject opts) {
    for (var e : opts.entrySet()) {
      String k = e.getKey();
      JsonElement v = e.getValue();
      if (k.equals("betas")) {
        double[] b = doubles(v);
        g.set("beta1", b[0]).set("beta2", b[1]);
      } else if (v.getAsJsonPrimitive().isBoolean()) {
        g.set(KEYS.getOrDefault(k, k), v.getAsBoolean());
      } else {
        g.set(KEYS.getOrDefault(k, k), v.getAsDouble());
      }
    }
  }

  /** Builds the case's optimizer over groups [w1, b1] and [w2]: torch defaults then group overrides. */
  static Optimizer build(JsonObject c, List<Tensor> ps) {
    JsonObject defaults = c.getAsJsonObject("defaults");
    JsonArray groups = c.getAsJsonArray("groups");
    List<ParamGroup> gs = new ArrayList<>();
    List<List<Tensor>> split = List.of(List.of(ps.get(0), ps.get(1)), List.of(ps.get(2)));
    for (int i = 0; i < 2; i++) {
      ParamGroup g = new ParamGroup(split.get(i));
      JsonObject merged = defaults.deepCopy();
      for (var e : groups.get(i).getAsJsonObject().entrySet()) merged.add(e.getKey(), e.getValue());
      merged.remove("lr");
      apply(g, merged);
      JsonObject own = groups.get(i).getAsJsonObject();
      if (own.has("lr")) g.setLr(own.get("lr").getAsDouble());
      gs.add(g);
    }
    double lr = defaults.get("lr").getAsDouble();
    return switch (c.get("optimizer").getAsString()) {
      case "SGD" -> new SGD(lr, gs);
      case "Adam" -> new Adam(lr, gs);
      case "AdamW" -> new AdamW(lr, gs);
      case "RMSprop" -> new RMSprop(lr, gs);
      case "Adagrad" -> new Adagrad(lr, gs);
      default -> throw new IllegalArgumentException(c.get("optimizer").getAsString());
    };
  }
}
