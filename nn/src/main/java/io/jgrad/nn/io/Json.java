package io.jgrad.nn.io;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny strict JSON reader and writer for safetensors headers (RFC 8259; no comments, no
 * trailing commas, no NaN, no duplicate object keys, no leading zeros).
 *
 * <p>Values map to Java as: object {@code LinkedHashMap<String, Object>} (insertion order kept),
 * array {@code List<Object>}, string {@code String}, number {@code BigDecimal} (exact, so an
 * offset beyond a long is reported, never wrapped), {@code true}/{@code false} {@code Boolean},
 * {@code null} {@link #NULL}.
 *
 * <p>Limits for input from outside (as Jackson's {@code StreamReadConstraints}): nesting at most
 * {@value #MAX_DEPTH} deep, at most {@value #MAX_VALUES} values in one document (a header of
 * 100 MB of {@code 0,} would otherwise become 50 million objects, gigabytes of heap; a million
 * values is over 100,000 tensors' entries), numbers of
 * at most {@value #MAX_NUMBER_CHARS} characters (BigDecimal parsing is quadratic in the digits).
 * Each is refused with its position before the memory or time is spent.
 */
final class Json {
  /** The JSON {@code null} (a Map cannot hold Java null values in every implementation). */
  static final Object NULL = new Object() {
    @Override public String toString() { return "null"; }
  };

  private static final int MAX_DEPTH = 64;
  static final int MAX_VALUES = 1_000_000;
  static final int MAX_NUMBER_CHARS = 100;

  private final String s;
  private int pos;
  private int values;

  private Json(String s) { this.s = s; }

  /** Parses one JSON value followed only by whitespace; throws {@link IllegalArgumentException} with the position. */
  static Object parse(String text) {
    Json p = new Json(text);
    p.skipWs();
    Object v = p.value(0);
    p.skipWs();
    if (p.pos != text.length()) throw p.error("unexpected trailing character");
    return v;
  }

  private IllegalArgumentException error(String what) {
    String near = pos < s.length() ? "'" + s.substring(pos, Math.min(s.length(), pos + 20)) + "'" : "end of input";
    return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + what + " (near " + near + ")");
  }

  private void skipWs() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      pos++;
    }
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
    if (++values > MAX_VALUES) throw error("more than " + MAX_VALUES + " values");
    if (pos >= s.length()) throw error("expected a value");
    char c = s.charAt(pos);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", NULL);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) yield number();
        throw error("expected a value");
      }
    };
  }

  private Object literal(String word, Object v) {
    if (!s.startsWith(word, pos)) throw error("expected " + word);
    pos += word.length();
    return v;
  }

  private Map<String, Object> object(int depth) {
    pos++;
    Map<String, Object> m = new LinkedHashMap<>();
    skipWs();
    if (pos < s.length() && s.charAt(pos) == '}') { pos++; return m; }
    while (true) {
      skipWs();
      if (pos >= s.length() || s.charAt(pos) != '"') throw error("expected a string key");
      int keyAt = pos;
      String k = string();
      skipWs();
      expect(':');
      skipWs();
      Object v = value(depth + 1);
      if (m.containsKey(k)) {
        pos = keyAt;
        throw error("duplicate key \"" + k + "\"");
      }
      m.put(k, v);
      skipWs();
      if (pos < s.length() && s.charAt(pos) == ',') { pos++; continue; }
      expect('}');
      return m;
    }
  }

  private List<Object> array(int depth) {
    pos++;
    List<Object> a = new ArrayList<>();
    skipWs();
    if (pos < s.length() && s.charAt(pos) == ']') { pos++; return a; }
    while (true) {
      skipWs();
      a.add(value(depth + 1));
      skipWs();
      if (pos < s.length() && s.charAt(pos) == ',') { pos++; continue; }
      expect(']');
      return a;
    }
  }

  private void expect(char c) {
    if (pos >= s.length() || s.charAt(pos) != c) throw error("expected '" + c + "'");
    pos++;
  }

  private String string() {
    pos++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= s.length()) throw error("unterminated string");
      char c = s.charAt(pos++);
      if (c == '"') return b.toString();
      if (c < 0x20) { pos--; throw error("control character in string"); }
      if (c != '\\') { b.append(c); continue; }
      if (pos >= s.length()) throw error("unterminated escape");
      char e = s.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (pos + 4 > s.length()) throw error("truncated \\u escape");
          int cp = 0;
          for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0) throw error("bad hex digit in \\u escape");
            cp = cp * 16 + d;
          }
          pos += 4;
          b.append((char) cp);
        }
        default -> { pos--; throw error("bad escape '\\" + e + "'"); }
      }
    }
  }

  private BigDecimal number() {
    int start = pos;
    if (s.charAt(pos) == '-') pos++;
    if (pos >= s.length()) throw error("expected digits");
    if (s.charAt(pos) == '0') {
      pos++;
    } else if (isDigit()) {
      while (isDigit()) pos++;
    } else {
      throw error("expected digits");
    }
    if (pos < s.length() && s.charAt(pos) == '.') {
      pos++;
      if (!isDigit()) throw error("expected digits after '.'");
      while (isDigit()) pos++;
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
      if (!isDigit()) throw error("expected exponent digits");
      int expStart = pos;
      while (isDigit()) pos++;
      // An exponent this long would make BigDecimal build a huge number (or overflow its scale).
      if (pos - expStart > 6) { pos = start; throw error("number exponent too large"); }
    }
    if (pos - start > MAX_NUMBER_CHARS) {
      pos = start;
      throw error("number longer than " + MAX_NUMBER_CHARS + " characters");
    }
    return new BigDecimal(s.substring(start, pos));
  }

  private boolean isDigit() { return pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9'; }

  // ---- writer ----------------------------------------------------------------------------------

  /** Serializes maps, lists, strings, integral numbers ({@code Long}, {@code Integer}, {@code BigDecimal}) and booleans, compactly. */
  static String write(Object v) {
    StringBuilder b = new StringBuilder();
    write(b, v);
    return b.toString();
  }

  private static void write(StringBuilder b, Object v) {
    switch (v) {
      case Map<?, ?> m -> {
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!first) b.append(',');
          first = false;
          if (!(e.getKey() instanceof String k)) throw new IllegalArgumentException("JSON object key is not a string: " + e.getKey());
          writeString(b, k);
          b.append(':');
          write(b, e.getValue());
        }
        b.append('}');
      }
      case List<?> l -> {
        b.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) b.append(',');
          write(b, l.get(i));
        }
        b.append(']');
      }
      case String str -> writeString(b, str);
      case Long n -> b.append(n);
      case Integer n -> b.append(n);
      case BigDecimal n -> b.append(n.toString());
      case Boolean z -> b.append(z);
      default -> {
        if (v == NULL) b.append("null");
        else throw new IllegalArgumentException("cannot write " + (v == null ? "null" : v.getClass().getSimpleName()) + " as JSON");
      }
    }
  }

  private static void writeString(StringBuilder b, String str) {
    b.append('"');
    for (int i = 0; i < str.length(); i++) {
      char c = str.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    b.append('"');
  }
}
