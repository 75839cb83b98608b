package io.jgrad.nn;

import io.jgrad.autograd.Grad;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link Module#summary}: runs zeros through the model in eval mode, descending into
 * {@link Sequential} containers so each of their layers gets its own row; any other module is one
 * row (its output shape, its parameters counted recursively).
 */
final class Summary {
  private Summary() {}

  private record Row(String name, String type, String shape, long params) {}

  static String of(Module m, int[] inputShape) {
    boolean was = m.isTraining();
    List<Row> rows = new ArrayList<>();
    m.eval();
    try (var off = Grad.disabled(); var scope = TensorScope.open()) {
      List<Tensor> ps = m.parameters();
      Tensor x = Tensor.full(inputShape, 0, ps.isEmpty() ? Module.defaultDType() : ps.get(0).dtype(), m.device());
      walk(m, "", x, rows);
    } finally {
      m.train(was);
    }
    return format(rows, m.parameterCount(), inputShape);
  }

  private static Tensor walk(Module m, String name, Tensor x, List<Row> rows) {
    if (m instanceof Sequential) {
      for (Map.Entry<String, Module> e : m.namedChildren().entrySet()) {
        x = walk(e.getValue(), name.isEmpty() ? e.getKey() : name + "." + e.getKey(), x, rows);
      }
      return x;
    }
    Tensor y = m.call(x);
    rows.add(new Row(name.isEmpty() ? "(model)" : name, m.getClass().getSimpleName(),
        Arrays.toString(y.shape()), m.parameterCount()));
    return y;
  }

  private static String format(List<Row> rows, long total, int[] inputShape) {
    String[] head = {"Layer", "Type", "Output shape", "Params"};
    int[] w = {head[0].length(), head[1].length(), head[2].length(), head[3].length()};
    for (Row r : rows) {
      w[0] = Math.max(w[0], r.name().length());
      w[1] = Math.max(w[1], r.type().length());
      w[2] = Math.max(w[2], r.shape().length());
      w[3] = Math.max(w[3], String.format("%,d", r.params()).length());
    }
    String fmt = "%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %" + w[3] + "s%n";
    StringBuilder sb = new StringBuilder();
    sb.append("Input shape: ").append(Arrays.toString(inputShape)).append('\n');
    sb.append(String.format(fmt, (Object[]) head));
    int width = w[0] + w[1] + w[2] + w[3] + 6;
    sb.append("-".repeat(width)).append('\n');
    for (Row r : rows) sb.append(String.format(fmt, r.name(), r.type(), r.shape(), String.format("%,d", r.params())));
    sb.append("-".repeat(width)).append('\n');
    sb.append(String.format("Total params: %,d%n", total));
    return sb.toString();
  }
}
