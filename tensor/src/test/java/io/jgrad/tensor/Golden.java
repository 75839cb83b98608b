package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Golden-file harness: loads {@code golden/<family>.json} (written by
 * {@code tools/golden/gen_<family>.py} from PyTorch), runs each case through the Java op
 * registered under its name, and compares every output. {@link #run} fails when a case's op
 * has no implementation, and a final test asserts how many cases ran.
 */
public final class Golden {
  /** STYLE.md section 11: float32 forward tolerances. */
  public static final double ATOL = 1e-6, RTOL = 1e-3;

  private Golden() {}

  public static List<GoldenCase> load(String family) {
    String path = "/golden/" + family + ".json";
    try (InputStream in = Golden.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("missing golden file " + path + ": run tools/golden/gen_all.sh");
      JsonReader reader = new JsonReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.setStrictness(Strictness.LENIENT);
      JsonObject doc = com.google.gson.JsonParser.parseReader(reader).getAsJsonObject();
      List<GoldenCase> cases = new ArrayList<>();
      for (JsonElement e : doc.getAsJsonArray("cases")) cases.add(new GoldenCase(e.getAsJsonObject()));
      return cases;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One dynamic test per case plus a count check. {@code ops} maps op names to functions
   * returning the outputs in the order the generator recorded them. Every case also checks
   * that the op left its inputs unchanged, except ops named with a trailing underscore
   * (PyTorch's in-place convention, e.g. "add_") or named like the in-place Java methods
   * ({@code addInPlace}, {@code copyFrom}, {@code fill}, {@code zero}).
   */
  public static Stream<DynamicTest> run(String family, Map<String, Function<GoldenCase, List<Tensor>>> ops,
                                        int minCases) {
    List<GoldenCase> cases = load(family);
    int[] ran = {0};
    List<DynamicTest> tests = new ArrayList<>();
    TreeSet<String> missing = new TreeSet<>();
    for (GoldenCase c : cases) if (!ops.containsKey(c.op())) missing.add(c.op());
    for (GoldenCase c : cases) {
      tests.add(DynamicTest.dynamicTest(c.id(), () -> {
        Function<GoldenCase, List<Tensor>> f = ops.get(c.op());
        if (f == null) fail("no Java implementation registered for golden op '" + c.op() + "'");
        List<Tensor> out = f.apply(c);
        assertEquals(c.outputCount(), out.size(), c.id() + ": number of outputs");
        for (int i = 0; i < out.size(); i++) assertClose(c.id() + " output " + i, c.expected(i), out.get(i), ATOL, RTOL);
        if (!isInPlace(c.op())) c.assertInputsUnmodified();
        ran[0]++;
      }));
    }
    tests.add(DynamicTest.dynamicTest(family + ": all cases ran", () -> {
      if (!missing.isEmpty()) fail(family + ": ops without a Java implementation: " + missing);
      assertEquals(cases.size(), ran[0], family + ": cases that passed");
      if (cases.size() < minCases) fail(family + ": only " + cases.size() + " golden cases, expected >= " + minCases);
    }));
    return tests.stream();
  }

  static boolean isInPlace(String op) {
    return op.endsWith("_") || op.contains("InPlace") || op.equals("copyFrom") || op.equals("fill") || op.equals("zero");
  }

  /** Same shape, same dtype, values within atol + rtol*|expected| (NaN matches NaN, infinities exactly). */
  public static void assertClose(String what, Tensor expected, Tensor actual, double atol, double rtol) {
    assertEquals(Shapes.str(expected.shape()), Shapes.str(actual.shape()), what + ": shape");
    assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
    double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
    boolean exact = !expected.dtype().isFloatingPoint();
    for (int i = 0; i < e.length; i++) {
      boolean ok;
      if (Double.isNaN(e[i])) ok = Double.isNaN(a[i]);
      else if (Double.isInfinite(e[i]) || exact) ok = e[i] == a[i];
      else ok = Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]);
      if (!ok) {
        fail(what + ": element " + i + " (of " + e.length + ", shape " + Shapes.str(expected.shape()) + ") expected "
            + e[i] + " but was " + a[i]);
      }
    }
  }
}
