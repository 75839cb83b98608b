package io.jgrad.nn.io;

import io.jgrad.tensor.DType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed and validated JSON header of a safetensors file. Validation is complete before any
 * tensor data is read: every entry has exactly a known dtype, a shape of non-negative ints and
 * {@code data_offsets [begin, end]} with {@code end - begin == numel * dtypeSize}; sorted by
 * begin, the entries tile the data section exactly (start at 0, no gap, no overlap, end at its
 * length), as the reference Rust implementation requires.
 */
record SafeTensorsHeader(List<Entry> entries, Map<String, String> metadata) {
  static final String METADATA_KEY = "__metadata__";

  /** Safetensors dtypes. Ones jgrad lacks load widened exactly ({@code target}), or not at all ({@code target == null}). */
  enum Code {
    F64(8, DType.FLOAT64), F32(4, DType.FLOAT32), I64(8, DType.INT64), I32(4, DType.INT32), BOOL(1, DType.BOOL),
    F16(2, DType.FLOAT32), BF16(2, DType.FLOAT32), I16(2, DType.INT32), U16(2, DType.INT32), I8(1, DType.INT32),
    U8(1, DType.INT32), U32(4, DType.INT64), U64(8, null), F8_E4M3(1, null), F8_E5M2(1, null), C64(8, null);

    final int byteSize;
    final DType target;

    Code(int byteSize, DType target) {
      this.byteSize = byteSize;
      this.target = target;
    }

    /** The code jgrad writes for its own dtype. */
    static Code of(DType d) {
      return switch (d) {
        case FLOAT32 -> F32;
        case FLOAT64 -> F64;
        case INT32 -> I32;
        case INT64 -> I64;
        case BOOL -> BOOL;
      };
    }

    static Code parse(String s) {
      for (Code c : values()) if (c.name().equals(s)) return c;
      return null;
    }
  }

  /** One tensor's header entry; offsets are relative to the start of the data section. */
  record Entry(String name, Code dtype, int[] shape, long begin, long end) {
    int numel() {
      int n = 1;
      for (int s : shape) n *= s;
      return n;
    }
  }

  private static final int MAX_NUMEL = Integer.MAX_VALUE - 8;

  static SafeTensorsHeader parse(String file, String json, long dataLength) throws SafeTensorsException {
    Object root;
    try {
      root = Json.parse(json);
    } catch (IllegalArgumentException e) {
      throw fail(file, "header is not valid JSON: " + e.getMessage());
    }
    if (!(root instanceof Map<?, ?> top)) throw fail(file, "header must be a JSON object, got " + kind(root));
    List<Entry> entries = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : top.entrySet()) {
      String name = (String) e.getKey();
      if (name.equals(METADATA_KEY)) {
        metadata = metadata(file, e.getValue());
      } else {
        entries.add(entry(file, name, e.getValue()));
      }
    }
    checkTiling(file, entries, dataLength);
    return new SafeTensorsHeader(List.copyOf(entries), metadata);
  }

  private static Map<String, String> metadata(String file, Object v) throws SafeTensorsException {
    if (!(v instanceof Map<?, ?> m)) throw fail(file, "__metadata__ must be an object of strings, got " + kind(v));
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw fail(file, "__metadata__ value of \"" + e.getKey() + "\" must be a string, got " + kind(e.getValue()));
      }
      out.put((String) e.getKey(), s);
    }
    return out;
  }

  private static Entry entry(String file, String name, Object v) throws SafeTensorsException {
    String where = "tensor \"" + name + "\"";
    if (!(v instanceof Map<?, ?> m)) throw fail(file, where + ": entry must be an object, got " + kind(v));
    for (Object k : m.keySet()) {
      if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
        throw fail(file, where + ": unexpected field \"" + k + "\"");
      }
    }
    if (!(m.get("dtype") instanceof String ds)) throw fail(file, where + ": dtype must be a string, got " + kind(m.get("dtype")));
    Code dtype = Code.parse(ds);
    if (dtype == null) throw fail(file, where + ": unknown dtype \"" + ds + "\"");
    if (dtype.target == null) {
      throw fail(file, where + ": dtype " + ds + " is not supported by jgrad (supported: F32, F64, I32, I64, BOOL; "
          + "F16, BF16, I8, U8, I16, U16 and U32 load widened)");
    }
    if (!(m.get("shape") instanceof List<?> sl)) throw fail(file, where + ": shape must be an array, got " + kind(m.get("shape")));
    int[] shape = new int[sl.size()];
    long numel = 1;
    for (int i = 0; i < shape.length; i++) {
      long s = integer(file, where + ": shape[" + i + "]", sl.get(i));
      if (s > Integer.MAX_VALUE) throw fail(file, where + ": shape[" + i + "] = " + s + " exceeds " + Integer.MAX_VALUE);
      shape[i] = (int) s;
      numel *= s;
      if (numel > MAX_NUMEL) throw fail(file, where + ": shape " + Arrays.toString(sl.toArray()) + " has more than " + MAX_NUMEL + " elements");
    }
    if (!(m.get("data_offsets") instanceof List<?> ol) || ol.size() != 2) {
      throw fail(file, where + ": data_offsets must be an array [begin, end], got " + m.get("data_offsets"));
    }
    long begin = integer(file, where + ": data_offsets[0]", ol.get(0));
    long end = integer(file, where + ": data_offsets[1]", ol.get(1));
    if (end < begin) throw fail(file, where + ": data_offsets [" + begin + ", " + end + "] end before begin");
    long bytes = numel * dtype.byteSize; // numel <= 2^31, byteSize <= 8: no overflow
    if (end - begin != bytes) {
      throw fail(file, where + ": shape " + Arrays.toString(shape) + " with dtype " + dtype + " needs " + bytes
          + " bytes but data_offsets [" + begin + ", " + end + "] span " + (end - begin));
    }
    return new Entry(name, dtype, shape, begin, end);
  }

  private static long integer(String file, String what, Object v) throws SafeTensorsException {
    if (!(v instanceof BigDecimal d)) throw fail(file, what + " must be a non-negative integer, got " + kind(v));
    try {
      long x = d.longValueExact();
      if (x < 0) throw fail(file, what + " must be a non-negative integer, got " + x);
      return x;
    } catch (ArithmeticException e) {
      throw fail(file, what + " must be a non-negative integer that fits a long, got " + d);
    }
  }

  private static void checkTiling(String file, List<Entry> entries, long dataLength) throws SafeTensorsException {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long expected = 0;
    String previous = null;
    for (Entry e : sorted) {
      if (e.begin() < expected) {
        throw fail(file, "tensor \"" + e.name() + "\" data_offsets [" + e.begin() + ", " + e.end() + "] overlap tensor \""
            + previous + "\" which ends at " + expected);
      }
      if (e.begin() > expected) {
        throw fail(file, "tensor \"" + e.name() + "\" data_offsets [" + e.begin() + ", " + e.end() + "] leave a gap: expected begin "
            + expected);
      }
      expected = e.end();
      previous = e.name();
    }
    if (expected != dataLength) {
      throw fail(file, "data section is " + dataLength + " bytes but the tensors' data_offsets cover " + expected
          + (dataLength < expected ? " (file truncated?)" : " (trailing bytes)"));
    }
  }

  private static String kind(Object v) {
    if (v == null) return "nothing";
    if (v instanceof Map) return "an object";
    if (v instanceof List) return "an array";
    if (v instanceof String s) return "the string \"" + s + "\"";
    return v.toString();
  }

  static SafeTensorsException fail(String file, String message) {
    return new SafeTensorsException("safetensors: " + file + ": " + message);
  }
}
