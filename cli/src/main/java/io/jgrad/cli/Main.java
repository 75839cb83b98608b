package io.jgrad.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** {@code jgrad <command> [--key value ...]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String cmd = args.length == 0 ? "demo" : args[0];
    try {
      Map<String, String> opts = options(args);
      switch (cmd) {
        case "demo" -> {
          DigitsDemo.run(intOpt(opts, "epochs", 30), intOpt(opts, "batch", 32), intOpt(opts, "hidden", 64),
              doubleOpt(opts, "lr", 0.05), momentumOpt(opts), longOpt(opts, "seed", 42), out);
          return 0;
        }
        case "help", "--help", "-h" -> {
          usage(out);
          return 0;
        }
        default -> {
          err.println("unknown command '" + cmd + "'");
          usage(err);
          return 2;
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("jgrad " + cmd + ": " + e.getMessage());
      return 2;
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value pairs, got '" + a + "'");
      }
      m.put(a.substring(2).toLowerCase(Locale.ROOT), args[++i]);
    }
    return m;
  }

  private static int intOpt(Map<String, String> m, String key, int dflt) {
    String v = m.get(key);
    if (v == null) return dflt;
    try {
      int n = Integer.parseInt(v);
      if (n <= 0) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a positive integer, got '" + v + "'");
    }
  }

  private static double doubleOpt(Map<String, String> m, String key, double dflt) {
    String v = m.get(key);
    if (v == null) return dflt;
    try {
      double d = Double.parseDouble(v);
      if (!(d > 0) || Double.isInfinite(d)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a positive number, got '" + v + "'");
    }
  }

  private static double momentumOpt(Map<String, String> m) {
    String v = m.getOrDefault("momentum", "0.9");
    try {
      double d = Double.parseDouble(v);
      if (!(d >= 0 && d < 1)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--momentum must be in [0, 1), got '" + v + "'");
    }
  }

  private static long longOpt(Map<String, String> m, String key, long dflt) {
    String v = m.get(key);
    if (v == null) return dflt;
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be an integer, got '" + v + "'");
    }
  }

  private static void usage(PrintStream p) {
    p.println("usage: bin/jgrad <command> [--key value ...]");
    p.println("  demo   train an MLP on the embedded digits dataset with autograd (default command)");
    p.println("         --epochs 30 --batch 32 --hidden 64 --lr 0.05 --momentum 0.9 --seed 42");
    p.println("  help   this text");
  }
}
