package io.jgrad.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.Csv;
import io.jgrad.nn.data.Idx;
import io.jgrad.nn.data.Npy;
import io.jgrad.nn.data.Npz;
import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.io.OptimizerStates;
import io.jgrad.nn.io.SafeTensors;
import io.jgrad.nn.io.SafeTensorsFile;
import io.jgrad.nn.optim.AdamW;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
 * Seeded fuzzing of every reader: safetensors, checkpoints (the file, then its model state,
 * optimizer state and metadata applied to a model and an AdamW, as a resume does), npy, npz,
 * IDX (plain and gzip) and CSV. Each case mutates a valid seed file ({@link Mutator}; for the
 * formats with a text header, half the cases mutate the header and rewrite its length field, so
 * the mutation reaches the header's meaning rather than stopping at the length check) and reads
 * it under a deadline. Every case must end either in a value (the mutation was harmless) or in
 * an IllegalArgumentException / IOException whose message names the file; anything else (a
 * NullPointerException, an index out of bounds, a NegativeArraySizeException, an
 * ArithmeticException, an OutOfMemoryError, a StackOverflowError, a hang) fails the test with
 * the case's seed and how to replay it.
 *
 * <p>{@code -Djgrad.fuzz.files.cases=N} sets the cases per format (default 400),
 * {@code -Djgrad.fuzz.files.seed=S} the seed, {@code -Djgrad.fuzz.files.only=FORMAT:CASE} one case.
 */
class HostileFilesFuzzTest {
  static final int CASES = Integer.getInteger("jgrad.fuzz.files.cases", 400);
  static final long SEED = Long.getLong("jgrad.fuzz.files.seed", 20261127L);
  static final String ONLY = System.getProperty("jgrad.fuzz.files.only", "");
  static final long DEADLINE_MS = 10_000;

  @TempDir static Path tmp;
  private static ExecutorService runner;

  @BeforeAll
  static void start() { runner = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "fuzz-reader");
    t.setDaemon(true);
    return t;
  }); }

  @AfterAll
  static void stop() { runner.shutdownNow(); }

  /** How one reader reads a file; what it returns is closed afterwards. */
  @FunctionalInterface
  interface Reader {
    Object read(Path file) throws Exception;
  }

  record Format(String name, String ext, List<byte[]> seeds, Header header, Reader reader) {}

  /** Where a format's text header is, so it can be mutated and its length rewritten; null: none. */
  interface Header {
    /** {prefix, header, rest} or null when the bytes do not hold one. */
    byte[][] split(byte[] file);

    byte[] join(byte[] prefix, byte[] header, byte[] rest);
  }

  static final Header SAFETENSORS = new Header() {
    public byte[][] split(byte[] f) {
      if (f.length < 8) return null;
      long n = ByteBuffer.wrap(f, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (n < 0 || n > f.length - 8) return null;
      return new byte[][] {new byte[0], java.util.Arrays.copyOfRange(f, 8, 8 + (int) n), java.util.Arrays.copyOfRange(f, 8 + (int) n, f.length)};
    }

    public byte[] join(byte[] prefix, byte[] h, byte[] rest) {
      return ByteBuffer.allocate(8 + h.length + rest.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).put(rest).array();
    }
  };

  static final Header NPY = new Header() {
    public byte[][] split(byte[] f) {
      if (f.length < 12 || f[6] != 1) return null;
      int n = (f[8] & 0xff) | (f[9] & 0xff) << 8;
      if (10 + n > f.length) return null;
      return new byte[][] {java.util.Arrays.copyOf(f, 8), java.util.Arrays.copyOfRange(f, 10, 10 + n), java.util.Arrays.copyOfRange(f, 10 + n, f.length)};
    }

    public byte[] join(byte[] prefix, byte[] h, byte[] rest) {
      return ByteBuffer.allocate(10 + h.length + rest.length).order(ByteOrder.LITTLE_ENDIAN).put(prefix).putShort((short) h.length)
          .put(h).put(rest).array();
    }
  };

  static List<Format> formats() throws IOException {
    List<Format> f = new ArrayList<>();
    f.add(new Format("safetensors", "safetensors", List.of(Corpus.safetensors(tmp)), SAFETENSORS, p -> SafeTensors.read(p)));
    f.add(new Format("checkpoint", "safetensors", List.of(Corpus.checkpoint(tmp)), SAFETENSORS, HostileFilesFuzzTest::resume));
    f.add(new Format("npy", "npy", Corpus.npys(), NPY, Npy::read));
    f.add(new Format("npz", "npz", List.of(Corpus.npz(false), Corpus.npz(true)), null, Npz::read));
    f.add(new Format("idx", "idx", List.of(Corpus.idx(true, false), Corpus.idx(false, false), Corpus.idx(true, true),
        Corpus.idx(false, true)), null, Idx::read));
    f.add(new Format("csv", "csv", List.of(Corpus.csv()), null, p -> Csv.read(p, -1, true)));
    return f;
  }

  /** A resume: the file, then the model state, the optimizer state and the RNG state applied. */
  static Object resume(Path file) throws IOException {
    Checkpoint c = Checkpoint.load(file);
    try {
      Module m = Corpus.model();
      c.loadInto(m.stateDict());
      AdamW opt = new AdamW(m.parameters(), 1e-3);
      opt.loadStateDict(OptimizerStates.fromCheckpoint(c));
      new io.jgrad.tensor.Generator(0).setState(c.seed(), c.rngOffset());
      return c;
    } catch (IllegalArgumentException e) {
      // The file was read; what does not fit the model is reported against the checkpoint, named here as a resume would.
      throw new IllegalArgumentException("resume from " + file + ": " + e.getMessage(), e);
    }
  }

  record Outcome(String format, int index, long seed, String mutation, String problem) {}

  @Test
  void everyMalformedFileEndsInAClearError() throws Exception {
    List<Outcome> problems = new ArrayList<>();
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, String> examples = new LinkedHashMap<>();
    for (Format fmt : formats()) {
      int[] c = counts.computeIfAbsent(fmt.name(), k -> new int[3]);
      for (int i = 0; i < CASES; i++) {
        if (!ONLY.isEmpty() && !ONLY.equals(fmt.name() + ":" + i)) continue;
        long seed = SEED * 1_000_003L + fmt.name().hashCode() * 7919L + i;
        Mutator m = new Mutator(seed);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        byte[] base = fmt.seeds().get(r.nextInt(fmt.seeds().size()));
        byte[] bytes;
        byte[][] parts = fmt.header() != null && r.nextBoolean() ? fmt.header().split(base) : null;
        if (parts != null) {
          bytes = fmt.header().join(parts[0], m.mutate(parts[1], true), parts[2]);
        } else {
          bytes = m.mutate(base, fmt.header() != null || fmt.name().equals("csv"));
        }
        Path file = tmp.resolve("case-" + fmt.name() + "-" + i + "." + fmt.ext());
        Files.write(file, bytes);
        String problem = run(fmt, file, c, examples);
        if (problem != null) problems.add(new Outcome(fmt.name(), i, seed, (parts != null ? "header: " : "") + m.describe(), problem));
        Files.deleteIfExists(file);
      }
    }
    StringBuilder report = new StringBuilder("HostileFilesFuzzTest (seed " + SEED + ", " + CASES + " cases per format):\n");
    counts.forEach((k, v) -> report.append(String.format("  %-12s %5d cases: %5d read, %5d refused with a clear error%n", k, v[0], v[1], v[2])));
    examples.forEach((k, v) -> report.append("  e.g. ").append(k).append(": ").append(v).append('\n'));
    System.out.print(report);
    StringBuilder fail = new StringBuilder();
    for (Outcome o : problems.subList(0, Math.min(problems.size(), 12))) {
      fail.append("\n  ").append(o.format()).append(" case ").append(o.index()).append(" (").append(o.mutation()).append("): ")
          .append(o.problem()).append("\n    replay: -Djgrad.fuzz.files.seed=").append(SEED).append(" -Djgrad.fuzz.files.only=")
          .append(o.format()).append(':').append(o.index());
    }
    assertTrue(problems.isEmpty(), problems.size() + " malformed files were not refused cleanly:" + fail);
  }

  /** Reads one case under the deadline; null when the outcome is acceptable, else what went wrong. */
  static String run(Format fmt, Path file, int[] counts, Map<String, String> examples) throws InterruptedException {
    counts[0]++;
    Future<Object> f = runner.submit(() -> fmt.reader().read(file));
    Object value;
    try {
      value = f.get(DEADLINE_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      return "no answer within " + DEADLINE_MS + " ms (hang)";
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable t = e.getCause();
      boolean allowed = t instanceof IllegalArgumentException || t instanceof IOException || t instanceof UncheckedIOException;
      if (!allowed) return t.getClass().getName() + ": " + t.getMessage() + " at " + where(t);
      String msg = String.valueOf(t.getMessage());
      if (!msg.contains(file.toString())) return "the message does not name the file: " + t;
      counts[2]++;
      examples.putIfAbsent(fmt.name() + " / " + t.getClass().getSimpleName(), msg.replace(file.toString(), "<file>"));
      return null;
    }
    counts[1]++;
    close(value);
    return null;
  }

  private static String where(Throwable t) {
    StackTraceElement[] st = t.getStackTrace();
    return st.length == 0 ? "?" : st[0].toString();
  }

  static void close(Object v) {
    if (v instanceof Tensor t) t.close();
    else if (v instanceof SafeTensorsFile s) s.tensors().values().forEach(Tensor::close);
    else if (v instanceof Checkpoint c) {
      c.model().values().forEach(Tensor::close);
      c.optimizer().values().forEach(Tensor::close);
    } else if (v instanceof Map<?, ?> m) {
      for (Object o : m.values()) if (o instanceof Tensor t) t.close();
    } else if (v instanceof io.jgrad.nn.data.CsvData d) {
      d.features().close();
      d.labels().close();
    }
  }
}
