package io.jgrad.nn.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded mutations of a file's bytes, biased towards its header (where lengths, shapes and
 * offsets live): bit flips, interesting byte and integer values (0, -1, 2^31, 2^63 ... in both
 * byte orders), truncation, appended garbage, deleted and duplicated ranges, and text-level
 * edits for the formats whose headers are text (a digit run replaced by a huge or negative
 * number, a structural character swapped, deep nesting injected). {@link #describe()} says what
 * the last call did, for the failure report.
 */
final class Mutator {
  private static final long[] INTERESTING = {0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffffL, 0x80000000L,
      0xffffffffL, 0x100000000L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40, 1L << 62};
  private static final String[] NUMBERS = {"99999999999999999999999", "2147483647", "2147483648", "4294967296", "-1", "1e999",
      "1e-999", "9223372036854775807", "18446744073709551616", "0", "00", "-0", "1.5", "NaN", "0x10", "65536, 65536, 65536",
      "2097152, 2097152, 4194304"};
  private static final char[] STRUCTURE = {'[', ']', '{', '}', '"', '\'', ',', ':', '\\', '(', ')', '\0', '\n', '\r', 'L', ' ', '-'};

  private final SplittableRandom r;
  private final StringBuilder what = new StringBuilder();

  Mutator(long seed) { this.r = new SplittableRandom(seed); }

  String describe() { return what.toString(); }

  /** 1 to 3 mutations of {@code in} (never the identical bytes unless every mutation was a no-op). */
  byte[] mutate(byte[] in, boolean textHeader) {
    what.setLength(0);
    byte[] b = in;
    int times = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
    for (int t = 0; t < times; t++) b = once(b, textHeader);
    return b;
  }

  private int pos(byte[] b) {
    if (b.length == 0) return 0;
    // 70% in the first 512 bytes (the header), else anywhere.
    return r.nextInt(10) < 7 ? r.nextInt(Math.min(b.length, 512)) : r.nextInt(b.length);
  }

  private byte[] once(byte[] b, boolean text) {
    int kind = r.nextInt(text ? 12 : 9);
    if (b.length == 0) kind = 4;
    switch (kind) {
      case 0 -> {
        int p = pos(b), bit = r.nextInt(8);
        b = b.clone();
        b[p] ^= (byte) (1 << bit);
        what.append("flip bit ").append(bit).append(" of byte ").append(p).append("; ");
      }
      case 1 -> {
        int p = pos(b);
        b = b.clone();
        b[p] = (byte) INTERESTING[r.nextInt(INTERESTING.length)];
        what.append("byte ").append(p).append(" = ").append(b[p]).append("; ");
      }
      case 2 -> {
        int width = r.nextBoolean() ? 4 : 8;
        if (b.length < width) return b;
        int p = Math.min(pos(b), b.length - width);
        long v = INTERESTING[r.nextInt(INTERESTING.length)];
        boolean little = r.nextBoolean();
        b = b.clone();
        for (int i = 0; i < width; i++) b[p + i] = (byte) (v >>> (8 * (little ? i : width - 1 - i)));
        what.append(width).append("-byte ").append(little ? "LE" : "BE").append(" ").append(v).append(" at ").append(p).append("; ");
      }
      case 3 -> {
        int n = r.nextInt(b.length);
        what.append("truncate to ").append(n).append("; ");
        b = Arrays.copyOf(b, n);
      }
      case 4 -> {
        int n = 1 + r.nextInt(64);
        byte[] out = Arrays.copyOf(b, b.length + n);
        for (int i = b.length; i < out.length; i++) out[i] = (byte) r.nextInt(256);
        what.append("append ").append(n).append(" random bytes; ");
        b = out;
      }
      case 5 -> {
        int p = pos(b), n = 1 + r.nextInt(Math.min(64, b.length - p));
        byte[] out = new byte[b.length - n];
        System.arraycopy(b, 0, out, 0, p);
        System.arraycopy(b, p + n, out, p, b.length - p - n);
        what.append("delete ").append(n).append(" bytes at ").append(p).append("; ");
        b = out;
      }
      case 6 -> {
        int p = pos(b), n = 1 + r.nextInt(Math.min(64, b.length - p));
        byte[] out = new byte[b.length + n];
        System.arraycopy(b, 0, out, 0, p + n);
        System.arraycopy(b, p, out, p + n, b.length - p);
        what.append("duplicate ").append(n).append(" bytes at ").append(p).append("; ");
        b = out;
      }
      case 7, 8 -> {
        int p = pos(b), n = Math.min(b.length - p, 1 + r.nextInt(16));
        b = b.clone();
        for (int i = 0; i < n; i++) b[p + i] = (byte) r.nextInt(256);
        what.append("randomize ").append(n).append(" bytes at ").append(p).append("; ");
      }
      case 9 -> b = replaceNumber(b);
      case 10 -> {
        int p = textPos(b);
        b = b.clone();
        char c = STRUCTURE[r.nextInt(STRUCTURE.length)];
        b[p] = (byte) c;
        what.append("char ").append(p).append(" = '").append(c == '\0' ? "\\0" : String.valueOf(c)).append("'; ");
      }
      default -> {
        int p = textPos(b), depth = 10 + r.nextInt(5000);
        String open = r.nextBoolean() ? "[" : "{\"a\":";
        byte[] ins = open.repeat(depth).getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[b.length + ins.length];
        System.arraycopy(b, 0, out, 0, p);
        System.arraycopy(ins, 0, out, p, ins.length);
        System.arraycopy(b, p, out, p + ins.length, b.length - p);
        what.append("nest ").append(depth).append(" x ").append(open).append(" at ").append(p).append("; ");
        b = out;
      }
    }
    return b;
  }

  /** A position in the printable text near the start (the header of the text formats). */
  private int textPos(byte[] b) {
    int limit = Math.min(b.length, 600);
    for (int tries = 0; tries < 20; tries++) {
      int p = r.nextInt(limit);
      if (b[p] >= 0x20 && b[p] < 0x7f) return p;
    }
    return r.nextInt(limit);
  }

  private byte[] replaceNumber(byte[] b) {
    int limit = Math.min(b.length, 600);
    int start = -1;
    for (int tries = 0; tries < 40 && start < 0; tries++) {
      int p = r.nextInt(limit);
      if (Character.isDigit(b[p])) start = p;
    }
    if (start < 0) return b;
    while (start > 0 && Character.isDigit(b[start - 1])) start--;
    int end = start;
    while (end < b.length && Character.isDigit(b[end])) end++;
    String v = NUMBERS[r.nextInt(NUMBERS.length)];
    byte[] ins = v.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[b.length - (end - start) + ins.length];
    System.arraycopy(b, 0, out, 0, start);
    System.arraycopy(ins, 0, out, start, ins.length);
    System.arraycopy(b, end, out, start + ins.length, b.length - end);
    what.append("number at ").append(start).append(" = ").append(v).append("; ");
    return out;
  }
}
