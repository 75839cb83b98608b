package io.jgrad.cli;

import io.jgrad.nn.Conv2d;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MaxPool2d;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.tensor.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The architecture of a {@code jgrad train} network, as saved in the checkpoint's metadata
 * ({@code run.model}, {@code run.model.*}) so {@code eval}, {@code predict} and {@code --resume}
 * rebuild it without options.
 * <ul>
 *   <li>{@code mlp}: flatten, then Linear-ReLU for each width of {@code --hidden} (default 256,128
 *       for 784 features, 128 otherwise; {@code none} for a linear model), then Linear to the outputs;</li>
 *   <li>{@code cnn} (images [C, H, W]): for each width of {@code --channels} (default 16,32) a
 *       Conv2d with {@code --kernel} (odd, default 3; padding kernel/2 keeps the size), ReLU and
 *       MaxPool2d(2); then flatten and Linear to the outputs.</li>
 * </ul>
 * Both are initialised from a generator seeded with {@code --seed} (PyTorch's default init).
 */
record ModelSpec(String kind, int[] inputShape, int[] hidden, int[] channels, int kernel, int outputs) {
  static final int[] DEFAULT_CHANNELS = {16, 32};
  static final int DEFAULT_KERNEL = 3;

  /** The default hidden widths for {@code features} inputs: 256,128 for 28x28 images, else 128. */
  static int[] defaultHidden(int features) { return features == 784 ? new int[] {256, 128} : new int[] {128}; }

  /** The architecture options of {@code o} (--hidden, --channels, --kernel) for {@code kind}, with the defaults above. */
  static ModelSpec of(Options o, String kind, int[] inputShape, int outputs) {
    int features = features(inputShape);
    return switch (kind) {
      case "mlp" -> {
        if (o.has("channels") || o.has("kernel")) throw new IllegalArgumentException("--channels and --kernel are options of --model cnn");
        yield new ModelSpec(kind, inputShape, o.has("hidden") ? widths(o, "hidden") : defaultHidden(features), new int[0], 0, outputs);
      }
      case "cnn" -> {
        if (o.has("hidden")) throw new IllegalArgumentException("--hidden is an option of --model mlp; the cnn takes --channels and --kernel");
        int k = o.positiveInt("kernel", DEFAULT_KERNEL);
        if (k % 2 == 0) throw new IllegalArgumentException("--kernel must be odd (padding kernel/2 keeps the image size), got " + k);
        int[] ch = o.has("channels") ? widths(o, "channels") : DEFAULT_CHANNELS.clone();
        if (ch.length == 0) throw new IllegalArgumentException("--channels needs at least one width, e.g. 16,32");
        yield new ModelSpec(kind, inputShape, new int[0], ch, k, outputs);
      }
      default -> throw new IllegalArgumentException("--model must be one of mlp|cnn, got '" + kind + "'");
    };
  }

  /** A comma-separated list of positive widths ({@code none} or empty: no layer). */
  static int[] widths(Options o, String key) {
    String v = o.str(key, "").trim();
    if (v.isEmpty() || v.equalsIgnoreCase("none")) return new int[0];
    try {
      int[] w = Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
      for (int x : w) if (x <= 0) throw new NumberFormatException();
      return w;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be comma-separated positive integers (e.g. 256,128), got '" + v + "'");
    }
  }

  static int features(int[] shape) {
    int f = 1;
    for (int d : shape) f *= d;
    return f;
  }

  /** The network, its weights drawn from a generator seeded with {@code seed}. */
  Module build(long seed) {
    Generator g = new Generator(seed);
    List<Module> layers = new ArrayList<>();
    if (kind.equals("mlp")) {
      layers.add(new Flatten());
      int in = features(inputShape);
      for (int h : hidden) {
        layers.add(new Linear(in, h, true, g));
        layers.add(new ReLU());
        in = h;
      }
      layers.add(new Linear(in, outputs, true, g));
    } else {
      int[] chw = imageShape();
      int c = chw[0], h = chw[1], w = chw[2];
      int pools = channels.length;
      if ((h >> pools) < 1 || (w >> pools) < 1) {
        throw new IllegalArgumentException("--model cnn with " + pools + " conv blocks (--channels " + join(channels) + ") halves the image "
            + pools + " times: it needs images of at least " + (1 << pools) + "x" + (1 << pools) + ", got " + h + "x" + w);
      }
      layers.add(new Models.Reshape(c, h, w));
      int[] k = {kernel, kernel}, one = {1, 1}, pad = {kernel / 2, kernel / 2};
      for (int out : channels) {
        layers.add(new Conv2d(c, out, k, one, pad, one, 1, true, g));
        layers.add(new ReLU());
        layers.add(new MaxPool2d(2));
        c = out;
        h /= 2;
        w /= 2;
      }
      layers.add(new Flatten());
      layers.add(new Linear(c * h * w, outputs, true, g));
    }
    return new Sequential(layers.toArray(Module[]::new));
  }

  private int[] imageShape() {
    int[] s = inputShape;
    if (s.length == 2) return new int[] {1, s[0], s[1]};
    if (s.length == 3) return s.clone();
    throw new IllegalArgumentException("--model cnn needs image data (digits or fashion-mnist); examples here have shape " + Arrays.toString(s)
        + " (use --model mlp)");
  }

  /** One line: {@code mlp 4-256-128-3} or {@code cnn 1x8x8 conv3 16-32 -> 10}. */
  String describe() {
    if (kind.equals("mlp")) {
      StringBuilder sb = new StringBuilder("mlp ").append(features(inputShape));
      for (int h : hidden) sb.append('-').append(h);
      return sb.append('-').append(outputs).toString();
    }
    return "cnn " + Arrays.stream(inputShape).mapToObj(Integer::toString).collect(Collectors.joining("x")) + ", conv" + kernel + " "
        + String.join("-", Arrays.stream(channels).mapToObj(Integer::toString).toList()) + " -> " + outputs;
  }

  static String join(int[] v) { return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(",")); }

  void record(Map<String, String> m) {
    m.put("run.model", kind);
    m.put("run.model.input_shape", join(inputShape));
    m.put("run.model.outputs", Integer.toString(outputs));
    if (kind.equals("mlp")) {
      m.put("run.model.hidden", join(hidden));
    } else {
      m.put("run.model.channels", join(channels));
      m.put("run.model.kernel", Integer.toString(kernel));
    }
  }

  static ModelSpec read(Map<String, String> m) {
    String kind = RunInfo.need(m, "run.model");
    int[] shape = ints(m, "run.model.input_shape");
    int outputs = ints(m, "run.model.outputs")[0];
    return kind.equals("mlp") ? new ModelSpec(kind, shape, ints(m, "run.model.hidden"), new int[0], 0, outputs)
        : new ModelSpec(kind, shape, new int[0], ints(m, "run.model.channels"), ints(m, "run.model.kernel")[0], outputs);
  }

  private static int[] ints(Map<String, String> m, String key) {
    String v = m.getOrDefault(key, "");
    if (v.isBlank()) return new int[0];
    try {
      return Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkpoint metadata " + key + " is '" + v + "', not a list of integers");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelSpec s && kind.equals(s.kind) && Arrays.equals(inputShape, s.inputShape) && Arrays.equals(hidden, s.hidden)
        && Arrays.equals(channels, s.channels) && kernel == s.kernel && outputs == s.outputs;
  }

  @Override
  public int hashCode() { return kind.hashCode() * 31 + Arrays.hashCode(inputShape) * 7 + outputs; }
}
