package io.jgrad.tensor;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** One case of a golden file: op name, inputs (with their view steps replayed), args, expected outputs. */
public final class GoldenCase {
  private final JsonObject json;
  private final List<Object[]> handedOut = new ArrayList<>();

  GoldenCase(JsonObject json) { this.json = json; }

  public String id() { return json.get("id").getAsString(); }

  public String op() { return json.get("op").getAsString(); }

  public JsonObject args() { return json.getAsJsonObject("args"); }

  public int inputCount() { return json.getAsJsonArray("inputs").size(); }

  /** Input i as a tensor, with its recorded view steps applied (so it may be non-contiguous). */
  public Tensor input(int i) {
    Tensor t = freshInput(i);
    handedOut.add(new Object[] {i, t});
    return t;
  }

  private Tensor freshInput(int i) { return applyView(i, inputBase(i)); }

  /** Input i before its view steps: the contiguous base tensor. */
  public Tensor inputBase(int i) { return decode(json.getAsJsonArray("inputs").get(i).getAsJsonObject()); }

  /** Replays input i's recorded view steps on a base (e.g. one that requires grad). */
  public Tensor applyView(int i, Tensor base) {
    JsonObject in = json.getAsJsonArray("inputs").get(i).getAsJsonObject();
    Tensor t = base;
    if (in.has("view")) {
      for (JsonElement e : in.getAsJsonArray("view")) t = step(t, e.getAsJsonArray());
    }
    return t;
  }

  /** Fails when an op modified one of the inputs it was given (out-of-place ops must not). */
  void assertInputsUnmodified() {
    for (Object[] h : handedOut) {
      int i = (Integer) h[0];
      Tensor given = (Tensor) h[1];
      if (given.isClosed()) continue;
      Golden.assertClose(id() + ": input " + i + " was modified by the op", freshInput(i), given, 0, 0);
    }
    handedOut.clear();
  }

  public List<Tensor> inputs() {
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < inputCount(); i++) out.add(input(i));
    return out;
  }

  public int outputCount() { return json.getAsJsonArray("outputs").size(); }

  public Tensor expected(int i) { return decode(json.getAsJsonArray("outputs").get(i).getAsJsonObject()); }

  // ---- argument helpers ----
  public int intArg(String name) { return args().get(name).getAsInt(); }

  public int intArg(String name, int dflt) { return has(name) ? intArg(name) : dflt; }

  public double doubleArg(String name) { return parseDouble(args().get(name)); }

  public double doubleArg(String name, double dflt) { return has(name) ? doubleArg(name) : dflt; }

  public boolean boolArg(String name) { return args().get(name).getAsBoolean(); }

  public boolean boolArg(String name, boolean dflt) { return has(name) ? boolArg(name) : dflt; }

  public String stringArg(String name) { return args().get(name).getAsString(); }

  public boolean has(String name) { return args().has(name) && !args().get(name).isJsonNull(); }

  public int[] intsArg(String name) {
    JsonElement e = args().get(name);
    if (e.isJsonPrimitive()) return new int[] {e.getAsInt()};
    JsonArray a = e.getAsJsonArray();
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = a.get(i).getAsInt();
    return out;
  }

  public int[] intsArg(String name, int[] dflt) { return has(name) ? intsArg(name) : dflt; }

  public DType dtypeArg(String name) { return dtype(stringArg(name)); }

  @Override
  public String toString() { return id(); }

  static Tensor decode(JsonObject o) {
    DType dtype = dtype(o.get("dtype").getAsString());
    JsonArray sh = o.getAsJsonArray("shape");
    int[] shape = new int[sh.size()];
    for (int i = 0; i < shape.length; i++) shape[i] = sh.get(i).getAsInt();
    JsonArray d = o.getAsJsonArray("data");
    int n = d.size();
    Object arr = switch (dtype) {
      case FLOAT32 -> { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float) parseDouble(d.get(i)); yield a; }
      case FLOAT64 -> { double[] a = new double[n]; for (int i = 0; i < n; i++) a[i] = parseDouble(d.get(i)); yield a; }
      case INT32 -> { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = d.get(i).getAsInt(); yield a; }
      case INT64 -> { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = d.get(i).getAsLong(); yield a; }
      case BOOL -> { byte[] a = new byte[n]; for (int i = 0; i < n; i++) a[i] = (byte) d.get(i).getAsInt(); yield a; }
    };
    return Tensor.fromArray(arr, shape);
  }

  static double parseDouble(JsonElement e) {
    if (e.getAsJsonPrimitive().isString()) {
      return switch (e.getAsString()) {
        case "NaN" -> Double.NaN;
        case "Infinity" -> Double.POSITIVE_INFINITY;
        case "-Infinity" -> Double.NEGATIVE_INFINITY;
        default -> Double.parseDouble(e.getAsString());
      };
    }
    return e.getAsDouble();
  }

  static DType dtype(String s) {
    for (DType t : DType.values()) if (t.toString().equals(s)) return t;
    throw new IllegalArgumentException("unknown dtype " + s);
  }

  private static Tensor step(Tensor t, JsonArray s) {
    return switch (s.get(0).getAsString()) {
      case "transpose" -> t.transpose(s.get(1).getAsInt(), s.get(2).getAsInt());
      case "slice" -> t.slice(s.get(1).getAsInt(), s.get(2).isJsonNull() ? 0 : s.get(2).getAsInt(),
          s.get(3).isJsonNull() ? Integer.MAX_VALUE : s.get(3).getAsInt(), s.get(4).isJsonNull() ? 1 : s.get(4).getAsInt());
      case "expand" -> t.expand(ints(s.get(1).getAsJsonArray()));
      case "permute" -> t.permute(ints(s.get(1).getAsJsonArray()));
      default -> throw new IllegalArgumentException("unknown view step " + s);
    };
  }

  private static int[] ints(JsonArray a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = a.get(i).getAsInt();
    return out;
  }
}
