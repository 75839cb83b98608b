package io.jgrad.cli;

import java.util.List;

/** The few JSON literals the reports write: strings (escaped), finite numbers (NaN and infinities as null), lists. */
final class Jsonish {
  private Jsonish() {}

  static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return b.append('"').toString();
  }

  static String num(double d) { return Double.isFinite(d) ? Double.toString(d) : "null"; }

  static String value(Object v) {
    return switch (v) {
      case null -> "null";
      case String s -> str(s);
      case Double d -> num(d);
      case Float f -> num(f);
      case Number n -> n.toString();
      case Boolean z -> z.toString();
      case List<?> l -> {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) b.append(i == 0 ? "" : ", ").append(value(l.get(i)));
        yield b.append(']').toString();
      }
      default -> str(v.toString());
    };
  }
}
