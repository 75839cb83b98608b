package io.jgrad.cli;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.spi.Backends;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
    if (args.length == 0) {
      Help.usage(out);
      return 0;
    }
    String cmd = args[0];
    List<String> rest = rest(args);
    try {
      if (cmd.equals("--version") || cmd.equals("version")) {
        out.println(Version.line());
        return 0;
      }
      if (cmd.equals("help") || cmd.equals("--help") || cmd.equals("-h")) {
        if (rest.isEmpty()) Help.usage(out);
        else if (!Help.command(rest.get(0), out)) throw unknownCommand(rest.get(0));
        return 0;
      }
      if (Help.COMMANDS.contains(cmd) && (rest.contains("--help") || rest.contains("-h"))) {
        Help.command(cmd, out);
        return 0;
      }
      switch (cmd) {
        case "demo" -> {
          Options o = Options.parse(rest, Options.DEMO_KEYS, cmd);
          DigitsDemo.run(o.positiveInt("epochs", DigitsDemo.EPOCHS), o.positiveInt("batch", DigitsDemo.BATCH),
              o.positiveInt("hidden", DigitsDemo.HIDDEN), o.number("lr", DigitsDemo.LR, 0, false, Double.POSITIVE_INFINITY),
              o.number("momentum", DigitsDemo.MOMENTUM, 0, true, 1), o.longValue("seed", DigitsDemo.SEED), out);
        }
        case "train" -> TrainCommand.run(Options.parse(rest, Options.TRAIN_KEYS, cmd), out);
        case "eval" -> EvalCommand.run(Options.parse(rest, Options.EVAL_KEYS, cmd), out);
        case "predict" -> PredictCommand.run(Options.parse(rest, Options.PREDICT_KEYS, cmd), out);
        case "catalog" -> CatalogCommand.run(rest, out);
        case "devices" -> {
          if (!rest.isEmpty()) throw new IllegalArgumentException("takes no options, got '" + rest.get(0) + "'");
          DevicesCommand.run(out);
        }
        default -> {
          err.println("jgrad: " + unknownCommand(cmd).getMessage());
          Help.usage(err);
          return 2;
        }
      }
      return 0;
    } catch (IllegalArgumentException | IllegalStateException | IOException | UncheckedIOException
             | UnsupportedOperationException e) {
      // UnsupportedOperationException: a backend without a kernel for an op says which (one line, no trace).
      err.println("jgrad " + cmd + ": " + message(e));
      return 2;
    }
  }

  private static IllegalArgumentException unknownCommand(String cmd) {
    String near = Suggest.closest(cmd, Help.COMMANDS);
    return new IllegalArgumentException("unknown command '" + cmd + "'" + (near == null ? "" : "; did you mean '" + near + "'?")
        + " (bin/jgrad help lists the commands)");
  }

  private static List<String> rest(String[] args) { return Arrays.asList(args).subList(1, args.length); }

  /** The message, with the cause's when it adds something; the exception class when there is no message. */
  static String message(Throwable e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) m = "file not found: " + m;
    if (e instanceof UncheckedIOException u && u.getCause() != null) m = m + ": " + message(u.getCause());
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
