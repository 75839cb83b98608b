package io.jgrad.cli;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.Backends;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** {@code jgrad <command> [--key value ...]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // The CPU pool reads jgrad.threads once, when it starts: set it before any tensor exists.
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--threads")) System.setProperty("jgrad.threads", args[i + 1]);
      else if (args[i].startsWith("--threads=")) System.setProperty("jgrad.threads", args[i].substring(10));
    }
    System.exit(run(args, System.out, System.err));
  }

  /**
   * The device of {@code --device cpu|opencl[:i]|cuda[:i]|type:i} (default cpu), opened now so an
   * absent backend or device is one clear error (exit code 2) before any data is loaded;
   * --threads must be a positive integer (applied at startup by main).
   */
  static Device checkDevice(Options o) {
    String spec = o.str("device", "cpu").trim().toLowerCase(Locale.ROOT);
    Device d;
    try {
      d = Device.parse(spec);
      Backends.of(d);
    } catch (RuntimeException | LinkageError e) {
      // A backend must say why it cannot run; a native-library error is turned into the same one line.
      throw new IllegalArgumentException("--device " + spec + ": " + message(e) + " (bin/jgrad devices lists what is present)", e);
    }
    int t = o.positiveInt("threads", 1);
    if (o.has("threads") && t != io.jgrad.tensor.cpu.Parallel.threads()) {
      System.err.println("note: --threads " + t + " is applied at JVM startup (bin/jgrad); this process already runs "
          + io.jgrad.tensor.cpu.Parallel.threads() + " threads");
    }
    return d;
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String cmd = args.length == 0 ? "demo" : args[0];
    try {
      switch (cmd) {
        case "demo" -> {
          Map<String, String> opts = options(args);
          DigitsDemo.run(intOpt(opts, "epochs", 30), intOpt(opts, "batch", 32), intOpt(opts, "hidden", 64),
              doubleOpt(opts, "lr", 0.05), momentumOpt(opts), longOpt(opts, "seed", 42), out);
          return 0;
        }
        case "train" -> {
          TrainCommand.run(Options.parse(rest(args), Options.TRAIN_KEYS, cmd), out);
          return 0;
        }
        case "eval" -> {
          EvalCommand.run(Options.parse(rest(args), Options.EVAL_KEYS, cmd), out);
          return 0;
        }
        case "catalog" -> {
          CatalogCommand.run(rest(args), out);
          return 0;
        }
        case "devices" -> {
          if (args.length > 1) throw new IllegalArgumentException("takes no options, got '" + args[1] + "'");
          DevicesCommand.run(out);
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
    } catch (IllegalArgumentException | IllegalStateException | IOException | UncheckedIOException
             | UnsupportedOperationException e) {
      // UnsupportedOperationException: a backend without a kernel for an op says which (one line, no trace).
      err.println("jgrad " + cmd + ": " + message(e));
      return 2;
    }
  }

  private static List<String> rest(String[] args) { return Arrays.asList(args).subList(1, args.length); }

  /** The message, with the cause's when it adds something; the exception class when there is no message. */
  static String message(Throwable e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) m = "file not found: " + m;
    if (e instanceof UncheckedIOException u && u.getCause() != null) m = m + ": " + message(u.getCause());
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
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
    p.println("  train  train a network; with no options: an MLP on the embedded digits (writes runs/<time>/)");
    p.println("         --dataset digits|fashion-mnist|csv  --data-dir DIR (fashion-mnist)");
    p.println("         --train F --test F --label-column N --header (csv)");
    p.println("         --model mlp|cnn --loss ID[:k=v,...] (default cross_entropy) --regularizer ID[:k=v,...] (repeatable)");
    p.println("         --procedure ID[:k=v,...] --optimizer sgd|adam|adamw --lr X --momentum X");
    p.println("         --weight-decay X --schedule none|step|cosine|onecycle --epochs N --batch-size N --seed N");
    p.println("         --threads N --device cpu|opencl[:i]|cuda[:i] --out DIR --resume CHECKPOINT");
    p.println("         --spark MASTER [--workers N]: data-parallel on Spark (local[2], spark://host:7077, yarn; docs/spark.md)");
    p.println("  sweep  --spark MASTER --loss ID... [--regularizer ID|none]... [--procedure ID|none]... [--seeds 3]: a catalog sweep");
    p.println("         --task regression: a CSV with float targets (--label-column N or --target-columns i,j), an MLP with");
    p.println("           --outputs K (default: one per target, one per taus level of pinball_loss), --loss any regression");
    p.println("           loss (default mse); reports RMSE, MAE, R2, MAPE, MBE (and quantile coverage)");
    p.println("  eval   --checkpoint F [--dataset ... --test F --device D]: loss and accuracy on the test set");
    p.println("         (regression runs: the regression metrics; --predictions F writes targets and outputs as CSV)");
    p.println("  catalog  the research catalog's components: [--kind K] [--status done|partial|planned|blocked] [--markdown]");
    p.println("         catalog show ID: paper, code, parameters, status;  catalog demo ID [--seeds 3] [--smoke] [--docs DIR]");
    p.println("  devices  the devices jgrad can use here, and why a backend on the class path has none");
    p.println("  help   this text");
  }
}
