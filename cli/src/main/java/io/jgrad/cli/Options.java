package io.jgrad.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parsed {@code --key value} options of the commands. Flags without a value ({@code --header})
 * are listed in {@link #FLAGS}, and {@code --no-FLAG} turns one off; options that may be given
 * several times ({@code --regularizer}) in {@link #REPEATABLE} ({@link #all}); for the others the
 * last value counts. An unknown key is an error naming the key and the closest known one.
 */
public final class Options {
  static final Set<String> FLAGS = Set.of("header", "markdown", "smoke", "standardize");
  static final Set<String> REPEATABLE = Set.of("regularizer");
  public static final Set<String> TRAIN_KEYS = Set.of("task", "target-columns", "outputs", "dataset", "data-dir", "train", "test", "label-column", "header", "classes", "missing",
      "standardize", "val-split", "model", "hidden", "channels", "kernel", "loss", "regularizer", "procedure", "optimizer", "lr", "momentum",
      "weight-decay", "schedule", "epochs", "batch-size", "seed", "early-stopping", "threads", "device", "out", "resume", "spark", "workers");
  public static final Set<String> EVAL_KEYS = Set.of("checkpoint", "dataset", "data-dir", "test", "label-column", "header", "model",
      "loss", "batch-size", "threads", "device", "out", "task", "target-columns", "outputs", "predictions");
  static final Set<String> PREDICT_KEYS = Set.of("checkpoint", "input", "output", "header", "label-column", "batch-size", "threads", "device");
  static final Set<String> DEMO_KEYS = Set.of("epochs", "batch", "hidden", "lr", "momentum", "seed", "threads");

  private final Map<String, String> values;
  private final Map<String, List<String>> repeated;

  private Options(Map<String, String> values, Map<String, List<String>> repeated) {
    this.values = values;
    this.repeated = repeated;
  }

  /** Parses {@code args} (the command name excluded) against the allowed keys. */
  public static Options parse(List<String> args, Set<String> allowed, String command) {
    Map<String, String> m = new LinkedHashMap<>();
    Map<String, List<String>> rep = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--") || a.length() == 2) throw new IllegalArgumentException("expected an option --key, got '" + a + "'");
      String key = a.substring(2).toLowerCase(Locale.ROOT);
      String value = null;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = a.substring(2 + eq + 1);
        key = key.substring(0, eq);
      }
      if (value == null && key.startsWith("no-") && FLAGS.contains(key.substring(3)) && allowed.contains(key.substring(3))) {
        key = key.substring(3);
        value = "false";
      }
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException("unknown option --" + key + Suggest.hint(key, allowed, "--") + " (bin/jgrad " + command
            + " --help lists the options)");
      }
      if (value == null) {
        if (FLAGS.contains(key)) value = "true";
        else if (i + 1 >= args.size()) throw new IllegalArgumentException("option --" + key + " needs a value");
        else value = args.get(++i);
      }
      m.put(key, value);
      if (REPEATABLE.contains(key)) rep.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return new Options(m, rep);
  }

  /** An empty option set (all defaults). */
  public static Options empty() { return new Options(new LinkedHashMap<>(), new LinkedHashMap<>()); }

  /** Every value of a repeatable option, in the order given (empty when absent). */
  public List<String> all(String key) { return List.copyOf(repeated.getOrDefault(key, List.of())); }

  public boolean has(String key) { return values.containsKey(key); }

  /** For a repeatable option not given at all: {@code values}, in order. */
  public void putDefaultAll(String key, List<String> vals) {
    if (values.containsKey(key) || vals.isEmpty()) return;
    values.put(key, vals.get(vals.size() - 1));
    repeated.put(key, new ArrayList<>(vals));
  }

  /** Adds {@code value} for {@code key} only when it is not given. */
  public void putDefault(String key, String value) { values.putIfAbsent(key, value); }

  public String str(String key, String dflt) { return values.getOrDefault(key, dflt); }

  /** The value, which must be one of {@code choices}. */
  public String choice(String key, String dflt, String... choices) {
    String v = str(key, dflt).toLowerCase(Locale.ROOT);
    for (String c : choices) if (c.equals(v)) return v;
    throw new IllegalArgumentException("--" + key + " must be one of " + String.join("|", choices) + ", got '" + v + "'");
  }

  public boolean flag(String key) {
    String v = str(key, "false");
    if (v.equalsIgnoreCase("true")) return true;
    if (v.equalsIgnoreCase("false")) return false;
    throw new IllegalArgumentException("--" + key + " is a flag (true|false), got '" + v + "'");
  }

  public int positiveInt(String key, int dflt) {
    String v = values.get(key);
    if (v == null) return dflt;
    try {
      int n = Integer.parseInt(v.trim());
      if (n <= 0) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a positive integer, got '" + v + "'");
    }
  }

  public int integer(String key, int dflt) {
    String v = values.get(key);
    if (v == null) return dflt;
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be an integer, got '" + v + "'");
    }
  }

  public long longValue(String key, long dflt) {
    String v = values.get(key);
    if (v == null) return dflt;
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be an integer, got '" + v + "'");
    }
  }

  /** A finite number in [min, max) ({@code minInclusive} decides whether min itself is allowed). */
  public double number(String key, double dflt, double min, boolean minInclusive, double max) {
    String v = values.get(key);
    if (v == null) return dflt;
    double d;
    try {
      d = Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      d = Double.NaN;
    }
    boolean ok = Double.isFinite(d) && (minInclusive ? d >= min : d > min) && d < max;
    if (!ok) {
      throw new IllegalArgumentException("--" + key + " must be a number in " + (minInclusive ? "[" : "(") + min + ", "
          + (max == Double.POSITIVE_INFINITY ? "inf" : String.valueOf(max)) + "), got '" + v + "'");
    }
    return d;
  }

  public Map<String, String> asMap() { return new LinkedHashMap<>(values); }
}
