package io.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parsesEveryValueKind() {
    Object v = Json.parse(" {\"a\": [1, -2.5e3, 0], \"b\": \"x\\n\\u00e9\\\"\", \"c\": true, \"d\": false, \"e\": null, \"f\": {}} ");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals(List.of("a", "b", "c", "d", "e", "f"), List.copyOf(m.keySet()));
    assertEquals(List.of(new BigDecimal("1"), new BigDecimal("-2.5e3"), new BigDecimal("0")), m.get("a"));
    assertEquals("x\n\u00e9\"", m.get("b"));
    assertEquals(Boolean.TRUE, m.get("c"));
    assertEquals(Boolean.FALSE, m.get("d"));
    assertSame(Json.NULL, m.get("e"));
    assertEquals(Map.of(), m.get("f"));
  }

  @Test
  void keepsHugeIntegersExact() {
    BigDecimal d = (BigDecimal) Json.parse("123456789012345678901234567890");
    assertEquals("123456789012345678901234567890", d.toString());
  }

  @Test
  void writeThenParseRoundTrips() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("k\"\\\t\u0001", List.of(1L, 2, Long.MAX_VALUE));
    m.put("s", "caf\u00e9 \u4e2d");
    m.put("z", true);
    String s = Json.write(m);
    assertEquals("{\"k\\\"\\\\\\t\\u0001\":[1,2,9223372036854775807],\"s\":\"caf\u00e9 \u4e2d\",\"z\":true}", s);
    Map<?, ?> back = (Map<?, ?>) Json.parse(s);
    assertEquals(List.of(new BigDecimal(1), new BigDecimal(2), new BigDecimal(Long.MAX_VALUE)), back.get("k\"\\\t\u0001"));
    assertEquals("caf\u00e9 \u4e2d", back.get("s"));
  }

  @Test
  void rejectsNonStrictInput() {
    String[][] cases = {
        {"{\"a\":1,}", "expected a string key"},
        {"[1,]", "expected a value"},
        {"{\"a\":1,\"a\":2}", "duplicate key \"a\""},
        {"01", "unexpected trailing character"},
        {"NaN", "expected a value"},
        {"{'a':1}", "expected a string key"},
        {"\"abc", "unterminated string"},
        {"\"a\nb\"", "control character"},
        {"\"\\x\"", "bad escape"},
        {"\"\\u12g4\"", "bad hex digit"},
        {"1.", "expected digits after '.'"},
        {"1e", "expected exponent digits"},
        {"1e99999999", "exponent too large"},
        {"-", "expected digits"},
        {"tru", "expected true"},
        {"{\"a\" 1}", "expected ':'"},
        {"[1 2]", "expected ']'"},
        {"", "expected a value"},
        {"{} x", "unexpected trailing character"},
        {"[".repeat(100), "nesting deeper"},
    };
    for (String[] c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(c[0]), c[0]);
      assertTrue(e.getMessage().startsWith("invalid JSON at offset "), e.getMessage());
      assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
    }
  }

  @Test
  void writerRejectsUnsupportedValues() {
    assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(1.5)));
    assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, 2)));
  }
}
