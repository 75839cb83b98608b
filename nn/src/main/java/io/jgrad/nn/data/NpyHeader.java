package io.jgrad.nn.data;

import io.jgrad.tensor.Shapes;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated header of a {@code .npy} array: the magic and version, the header length (at
 * most {@value #MAX_HEADER_BYTES} bytes), and the header's Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} parsed by a small
 * recursive-descent reader (no regular expressions, so no backtracking on hostile text). The
 * element count and data length are computed exactly, so a shape that would overflow is
 * refused here, before anything is allocated.
 */
record NpyHeader(String descr, int[] shape, int count, int itemSize, long dataStart, long dataBytes) {
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** numpy itself refuses headers over 10,000 bytes unless told otherwise; 1 MiB is generous. */
  static final int MAX_HEADER_BYTES = 1 << 20;
  /** numpy 2's NPY_MAXDIMS. */
  static final int MAX_DIMS = 64;

  ByteOrder order() { return descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN; }

  /** The dtype code without its byte-order character: f4, f8, i4, i8, u1 or b1. */
  String kind() { return descr.substring(1); }

  /**
   * Reads and validates the header from {@code in}; {@code total} is the file's size when known
   * (else -1), used to report a truncated header with both sizes.
   */
  static NpyHeader read(InputStream in, String name, long total) throws IOException {
    byte[] pre = new byte[10];
    int got = in.readNBytes(pre, 0, 10);
    if (got < 10) throw bad(name, "file too short (" + got + " bytes) for an npy header");
    for (int i = 0; i < MAGIC.length; i++) {
      if (pre[i] != MAGIC[i]) throw bad(name, "bad magic (expected \\x93NUMPY): not a .npy file");
    }
    int major = pre[6] & 0xFF;
    long headerLen;
    int start;
    if (major == 1) {
      headerLen = (pre[8] & 0xFF) | (pre[9] & 0xFF) << 8;
      start = 10;
    } else if (major == 2 || major == 3) {
      byte[] more = new byte[2];
      if (in.readNBytes(more, 0, 2) < 2) throw bad(name, "file too short for a version " + major + " header");
      headerLen = (pre[8] & 0xFFL) | (pre[9] & 0xFFL) << 8 | (more[0] & 0xFFL) << 16 | (more[1] & 0xFFL) << 24;
      start = 12;
    } else {
      throw bad(name, "unsupported format version " + major + "." + (pre[7] & 0xFF));
    }
    if (headerLen > MAX_HEADER_BYTES) {
      throw bad(name, "header length " + headerLen + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
    }
    if (total >= 0 && start + headerLen > total) {
      throw bad(name, "truncated header: needs " + (start + headerLen) + " bytes, file has " + total);
    }
    byte[] h = in.readNBytes((int) headerLen);
    if (h.length < headerLen) throw bad(name, "truncated header: needs " + (start + headerLen) + " bytes, file has " + (start + h.length));
    String text = new String(h, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Map<String, Object> dict = new Literal(text, name).dict();
    for (String k : dict.keySet()) {
      if (!k.equals("descr") && !k.equals("fortran_order") && !k.equals("shape")) {
        throw bad(name, "header has an unexpected key '" + k + "' (expected descr, fortran_order and shape): " + text.trim());
      }
    }
    if (!(dict.get("descr") instanceof String descr)) throw bad(name, "header has no valid 'descr' entry: " + text.trim());
    if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
      throw bad(name, "header has no valid 'fortran_order' entry: " + text.trim());
    }
    if (!(dict.get("shape") instanceof int[] shape)) throw bad(name, "header has no valid 'shape' entry: " + text.trim());
    if (fortran) throw bad(name, "fortran_order True is not supported (save a C-order array: np.ascontiguousarray)");
    int itemSize = itemSize(descr, name);
    BigInteger n = BigInteger.ONE;
    for (int s : shape) n = n.multiply(BigInteger.valueOf(s));
    if (n.compareTo(BigInteger.valueOf(Shapes.MAX_NUMEL)) > 0) {
      throw bad(name, "shape " + Arrays.toString(shape) + " has " + n + " elements, more than the " + Shapes.MAX_NUMEL
          + " one tensor can hold");
    }
    int count = n.intValue();
    return new NpyHeader(descr, shape, count, itemSize, start + headerLen, (long) count * itemSize);
  }

  private static int itemSize(String descr, String name) {
    return switch (descr) {
      case "<f4", ">f4", "<i4", ">i4" -> 4;
      case "<f8", ">f8", "<i8", ">i8" -> 8;
      case "|u1", "<u1", ">u1", "|b1", "<b1", ">b1" -> 1;
      default -> throw bad(name, "unsupported dtype '" + descr + "' (supported: <f4 <f8 <i4 <i8 |u1 |b1)");
    };
  }

  static IllegalArgumentException bad(String name, String what) { return new IllegalArgumentException("npy " + name + ": " + what); }

  /** The subset of Python literals numpy writes: a dict of str keys; str, True/False, tuples of ints. */
  private static final class Literal {
    private final String s;
    private final String name;
    private int pos;

    Literal(String s, String name) {
      this.s = s;
      this.name = name;
    }

    private IllegalArgumentException error(String what) {
      String near = pos < s.length() ? "'" + s.substring(pos, Math.min(s.length(), pos + 20)) + "'" : "end of header";
      return bad(name, "header is not a valid dict literal at offset " + pos + ": " + what + " (near " + near + ")");
    }

    private void ws() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    private boolean eat(char c) {
      ws();
      if (pos < s.length() && s.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    Map<String, Object> dict() {
      if (!eat('{')) throw error("expected '{'");
      Map<String, Object> m = new LinkedHashMap<>();
      while (!eat('}')) {
        String k = string();
        if (!eat(':')) throw error("expected ':'");
        Object v = value();
        if (m.put(k, v) != null) throw error("duplicate key '" + k + "'");
        if (!eat(',')) {
          if (!eat('}')) throw error("expected ',' or '}'");
          break;
        }
      }
      ws();
      if (pos != s.length()) throw error("unexpected text after the dict");
      return m;
    }

    private Object value() {
      ws();
      if (pos >= s.length()) throw error("expected a value");
      char c = s.charAt(pos);
      if (c == '\'' || c == '"') return string();
      if (c == '(') return tuple();
      if (s.startsWith("True", pos)) {
        pos += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("False", pos)) {
        pos += 5;
        return Boolean.FALSE;
      }
      throw error("expected a string, a tuple, True or False");
    }

    private String string() {
      ws();
      if (pos >= s.length() || (s.charAt(pos) != '\'' && s.charAt(pos) != '"')) throw error("expected a quoted string");
      char q = s.charAt(pos++);
      int end = s.indexOf(q, pos);
      if (end < 0) throw error("unterminated string");
      String v = s.substring(pos, end);
      if (v.indexOf('\\') >= 0) throw error("escapes in strings are not supported");
      pos = end + 1;
      return v;
    }

    private int[] tuple() {
      eat('(');
      List<Integer> dims = new ArrayList<>();
      while (!eat(')')) {
        ws();
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
        if (pos == start) throw error("expected a non-negative integer in the shape");
        if (pos - start > 10 || Long.parseLong(s.substring(start, pos)) > Integer.MAX_VALUE) {
          pos = start;
          throw error("shape entry larger than " + Integer.MAX_VALUE);
        }
        dims.add(Integer.parseInt(s.substring(start, pos)));
        if (pos < s.length() && s.charAt(pos) == 'L') pos++;
        if (dims.size() > MAX_DIMS) throw error("more than " + MAX_DIMS + " dimensions");
        if (!eat(',')) {
          if (!eat(')')) throw error("expected ',' or ')'");
          break;
        }
      }
      int[] out = new int[dims.size()];
      for (int i = 0; i < out.length; i++) out[i] = dims.get(i);
      return out;
    }
  }
}
