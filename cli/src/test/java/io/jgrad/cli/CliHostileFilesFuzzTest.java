package io.jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.io.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of what {@code jgrad predict} reads from outside beyond the nn readers (which
 * HostileFilesFuzzTest covers): the input CSV (the command line's own reader, {@link CsvTable})
 * and a checkpoint's run metadata (the model it declares, labels, standardization, missing-value
 * policy). Every mutated file must end in exit code 0, or exit code 2 with a message that names
 * the file (or, for feature names that no longer match the input's header, the input); never an exception escaping {@link Main}, a hang past the deadline, or an
 * OutOfMemoryError. A model declared larger than the checkpoint's tensors is refused before it
 * is built. {@code -Djgrad.fuzz.cli.cases=N} per reader (default 150), {@code -Djgrad.fuzz.cli.seed=S};
 * a failure names the seed and case.
 */
class CliHostileFilesFuzzTest {
  static final int CASES = Integer.getInteger("jgrad.fuzz.cli.cases", 150);
  static final long SEED = Long.getLong("jgrad.fuzz.cli.seed", 4242L);
  static final long DEADLINE_S = 30;
  static final String[] JUNK = {"", " ", "-1", "0", "1", "2147483647", "2147483648", "99999999999", "1,2,3", "0,0", "-5,3", ",,,",
    "1,", "abc", "NaN", "Infinity", "-Infinity", "1e9", "1000000", "65536,65536", "1000000,1000000", "mlp", "cnn", "1,8,8", "1,1000000,1000000",
    "\u0000", "\uFFFF", "true", "drop", "mean", "x".repeat(100_000), "1".repeat(400)};
  static final String[] BITS = {",", "\"", "\n", "\r\n", "\u0000", "\uFFFD", "-", "e", "9", " ", "NaN", "1e39", "-1e39",
    "99999999999999999999", ",,,,,,,,", "\"\"", "a,b,c,d,e,f,g,h", "?", ""};

  @TempDir static Path tmp;
  static Path model;
  static String input;
  static ExecutorService runner;

  @BeforeAll
  static void trainOnce() throws IOException {
    Path tr = TabularCsv.write(tmp.resolve("train.csv"), 60, 31, true), te = TabularCsv.write(tmp.resolve("test.csv"), 20, 32, true);
    OwnDataTest.train(new ByteArrayOutputStream(), "--dataset", "csv", "--train", tr.toString(), "--test", te.toString(), "--header",
        "--epochs", "1", "--standardize", "--out", tmp.resolve("run").toString());
    model = tmp.resolve("run/best.safetensors");
    StringBuilder sb = new StringBuilder();
    for (String l : Files.readAllLines(tmp.resolve("test.csv")).subList(0, 11)) sb.append(l, 0, l.lastIndexOf(',')).append('\n');
    input = sb.toString();
    runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cli-fuzz");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterAll
  static void stop() { runner.shutdownNow(); }

  /** predict on the files; null when it ends as promised (exit code 0, or 2 naming one of {@code named}), else what went wrong. */
  static String predict(Path checkpoint, Path csv, Path... named) {
    Future<Cli.Run> f = runner.submit(() -> Cli.run("predict", "--checkpoint", checkpoint.toString(), "--input", csv.toString(),
        "--output", tmp.resolve("out.csv").toString()));
    Cli.Run r;
    try {
      r = f.get(DEADLINE_S, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      return "no result in " + DEADLINE_S + " s";
    } catch (ExecutionException e) {
      return "threw " + e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    if (r.code() == 0) return null;
    if (r.code() != 2) return "exit code " + r.code() + ": " + r.err();
    String err = r.err();
    if (java.util.Arrays.stream(named).noneMatch(p -> err.contains(p.getFileName().toString()))) {
      return "the error does not name " + java.util.Arrays.toString(named) + ": " + r.err().strip();
    }
    if (r.err().contains("\tat ")) return "a stack trace: " + r.err();
    return null;
  }

  static String mutate(SplittableRandom r, String s) {
    StringBuilder b = new StringBuilder(s);
    for (int k = 1 + r.nextInt(3); k > 0; k--) {
      int at = b.isEmpty() ? 0 : r.nextInt(b.length());
      switch (r.nextInt(5)) {
        case 0 -> b.insert(at, BITS[r.nextInt(BITS.length)]);
        case 1 -> b.delete(at, Math.min(b.length(), at + 1 + r.nextInt(12)));
        case 2 -> b.setLength(at);
        case 3 -> b.insert(at, b.substring(at, Math.min(b.length(), at + 1 + r.nextInt(40))));
        default -> {
          if (!b.isEmpty()) b.setCharAt(at, (char) (r.nextBoolean() ? r.nextInt(32, 127) : r.nextInt(0x10000)));
        }
      }
    }
    return b.toString();
  }

  @Test
  void mutatedInputCsv() throws IOException {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      SplittableRandom r = new SplittableRandom(SEED * 31 + i);
      Path f = tmp.resolve("input-" + i + ".csv");
      Files.write(f, mutate(r, input).getBytes(StandardCharsets.UTF_8));  // lone surrogates become '?
      if (r.nextInt(8) == 0) Files.write(f, new byte[] {(byte) 0xFF, (byte) 0xC3, 0x28, '\n'}, java.nio.file.StandardOpenOption.APPEND);
      String bad = predict(model, f, f);
      if (bad != null) failures.add("case " + i + ": " + bad);
      Files.delete(f);
    }
    System.out.println("CliHostileFilesFuzzTest: " + CASES + " mutated input CSVs (seed " + SEED + ")");
    assertTrue(failures.isEmpty(), failures.size() + " mutated CSVs not refused cleanly (replay with -Djgrad.fuzz.cli.seed=" + SEED
        + "):\n" + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
  }

  /** A model declared far larger than the file's tensors (4e12 parameters) is refused before it is built. */
  @Test
  void enormousDeclaredModel() throws IOException {
    Checkpoint c = Checkpoint.load(model);
    Path csv = Files.writeString(tmp.resolve("features-big.csv"), input);
    for (String hidden : new String[] {"1000000,1000000", "2147483647,2147483647,2147483647"}) {
      Map<String, String> m = new LinkedHashMap<>(c.metadata());
      m.put("run.model.hidden", hidden);
      Path f = tmp.resolve("big.safetensors");
      new Checkpoint(c.model(), c.optimizer(), c.step(), c.seed(), c.rngOffset(), m).save(f);
      Cli.Run r = Cli.run("predict", "--checkpoint", f.toString(), "--input", csv.toString());
      assertTrue(r.code() == 2 && r.err().contains("big.safetensors") && r.err().contains("parameters, but the file holds"), r.err());
    }
  }

  @Test
  void mutatedRunMetadata() throws IOException {
    Checkpoint c = Checkpoint.load(model);
    List<String> keys = c.metadata().keySet().stream().filter(k -> k.startsWith("run.")).sorted().toList();
    Path csv = Files.writeString(tmp.resolve("features.csv"), input);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      SplittableRandom r = new SplittableRandom(SEED * 37 + i);
      Map<String, String> m = new LinkedHashMap<>(c.metadata());
      StringBuilder what = new StringBuilder();
      for (int k = 1 + r.nextInt(2); k > 0; k--) {
        String key = keys.get(r.nextInt(keys.size()));
        int how = r.nextInt(10);
        if (how == 0) {
          m.remove(key);
          what.append(key).append(" removed; ");
        } else if (how < 6) {
          String v = JUNK[r.nextInt(JUNK.length)];
          m.put(key, v);
          what.append(key).append(" = '").append(v.length() > 20 ? v.substring(0, 20) + "..." : v).append("'; ");
        } else {
          m.put(key, mutate(r, m.getOrDefault(key, "")));
          what.append(key).append(" mutated; ");
        }
      }
      Path f = tmp.resolve("model-" + i + ".safetensors");
      new Checkpoint(c.model(), c.optimizer(), c.step(), c.seed(), c.rngOffset(), m).save(f);
      // Feature names that no longer match the input's header are a mismatch between the two files: it is found, and
      // named, on the input (with the names the checkpoint expects).
      String bad = predict(f, csv, f, csv);
      if (bad != null) failures.add("case " + i + " (" + what + "): " + bad);
      Files.delete(f);
    }
    System.out.println("CliHostileFilesFuzzTest: " + CASES + " checkpoints with mutated run metadata (seed " + SEED + ", " + keys.size()
        + " keys)");
    assertTrue(failures.isEmpty(), failures.size() + " mutated metadata not refused cleanly (replay with -Djgrad.fuzz.cli.seed=" + SEED
        + "):\n" + String.join("\n", failures.subList(0, Math.min(12, failures.size()))));
  }
}
