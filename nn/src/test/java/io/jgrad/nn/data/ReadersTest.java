package io.jgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers against files written by tools/golden/gen_data_files.py (expected values in expected.json). */
class ReadersTest {
  static final Path DIR;
  static final JsonObject EXPECTED;

  static {
    try {
      DIR = Path.of(ReadersTest.class.getResource("/data/expected.json").toURI()).getParent();
      EXPECTED = JsonParser.parseString(Files.readString(DIR.resolve("expected.json"))).getAsJsonObject();
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static void check(String key, Tensor t) {
    JsonObject e = EXPECTED.getAsJsonObject(key);
    JsonArray shape = e.getAsJsonArray("shape");
    int[] s = new int[shape.size()];
    for (int i = 0; i < s.length; i++) s[i] = shape.get(i).getAsInt();
    assertArrayEquals(s, t.shape(), key + " shape");
    assertEquals(e.get("dtype").getAsString(), t.dtype().toString(), key + " dtype");
    JsonArray v = e.getAsJsonArray("values");
    assertEquals(v.size(), t.numel(), key + " numel");
    switch (t.dtype()) {
      case FLOAT32 -> {
        float[] a = t.toFloatArray();
        for (int i = 0; i < a.length; i++) assertEquals((float) v.get(i).getAsDouble(), a[i], key + "[" + i + "]");
      }
      case FLOAT64 -> {
        double[] a = t.toDoubleArray();
        for (int i = 0; i < a.length; i++) assertEquals(v.get(i).getAsDouble(), a[i], key + "[" + i + "]");
      }
      case BOOL -> {
        boolean[] a = t.toBooleanArray();
        for (int i = 0; i < a.length; i++) assertEquals(v.get(i).getAsLong() != 0, a[i], key + "[" + i + "]");
      }
      default -> {
        long[] a = t.toLongArray();
        for (int i = 0; i < a.length; i++) assertEquals(v.get(i).getAsLong(), a[i], key + "[" + i + "]");
      }
    }
  }

  static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  static void contains(String msg, String... parts) {
    for (String p : parts) assertTrue(msg.contains(p), "'" + msg + "' should contain '" + p + "'");
  }

  @Test
  void npyEveryDtype() {
    for (String f : List.of("f4", "f8", "i4", "i8", "u1", "b1", "scalar_f8", "empty_f4", "v2_f4")) {
      try (Tensor t = Npy.read(DIR.resolve(f + ".npy"))) {
        check(f + ".npy", t);
      }
    }
  }

  @Test
  void npyVersion2HeaderIsReallyVersion2() throws IOException {
    assertEquals(2, Files.readAllBytes(DIR.resolve("v2_f4.npy"))[6]);
  }

  @Test
  void npyErrors() {
    contains(message(() -> Npy.read(DIR.resolve("fortran_f8.npy"))), "fortran_f8.npy", "fortran_order");
    contains(message(() -> Npy.read(DIR.resolve("c8.npy"))), "c8.npy", "unsupported dtype '<c8'");
    contains(message(() -> Npy.read(DIR.resolve("truncated_f4.npy"))), "truncated_f4.npy", "truncated", "needs 48 data bytes, found 43");
    contains(message(() -> Npy.read(DIR.resolve("bad_magic.npy"))), "bad_magic.npy", "bad magic");
    contains(message(() -> Npy.read(DIR.resolve("missing.npy"))), "missing.npy", "no such file");
    contains(message(() -> Npy.parse(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) 200, 0, '{'}, "x")),
        "truncated header", "needs 210 bytes");
  }

  @Test
  void npzStoredAndCompressed() {
    for (String f : List.of("pair.npz", "pair_compressed.npz")) {
      Map<String, Tensor> m = Npz.read(DIR.resolve(f));
      assertEquals(List.of("weights", "labels"), List.copyOf(m.keySet()));
      check("pair.npz/weights", m.get("weights"));
      check("pair.npz/labels", m.get("labels"));
      m.values().forEach(Tensor::close);
    }
    // Not a zip at all: the archive's end record is missing (no .npy arrays in a valid zip is the other case).
    contains(message(() -> Npz.read(DIR.resolve("train.csv"))), "train.csv", "is it an npz file?");
  }

  @Test
  void idxPlainAndGzip() {
    for (String suffix : List.of("", ".gz")) {
      try (Tensor x = Idx.read(DIR.resolve("images.idx3-ubyte" + suffix)); Tensor y = Idx.read(DIR.resolve("labels.idx1-ubyte" + suffix))) {
        check("images.idx3-ubyte", x);
        check("labels.idx1-ubyte", y);
        assertEquals(DType.INT64, y.dtype());
      }
    }
  }

  @Test
  void idxDataset() {
    TensorDataset d = Idx.dataset(DIR.resolve("images.idx3-ubyte.gz"), DIR.resolve("labels.idx1-ubyte"));
    check("images.idx3-ubyte", d.features());
    check("labels.idx1-ubyte", d.labels());
    contains(message(() -> Idx.dataset(DIR.resolve("labels.idx1-ubyte"), DIR.resolve("labels.idx1-ubyte"))), "expected images");
    contains(message(() -> Idx.dataset(DIR.resolve("images.idx3-ubyte"), DIR.resolve("images.idx3-ubyte"))), "expected labels");
  }

  @Test
  void idxErrors(@TempDir Path tmp) throws IOException {
    contains(message(() -> Idx.read(DIR.resolve("truncated-images.idx3-ubyte"))),
        "truncated-images.idx3-ubyte", "truncated", "[5, 4, 3]", "needs 76 bytes", "found 69");
    contains(message(() -> Idx.read(DIR.resolve("bad-magic.idx"))), "bad-magic.idx", "bad magic number 0x00000901", "0x00000803");
    contains(message(() -> Idx.read(DIR.resolve("short-header.idx"))), "short-header.idx", "truncated header", "expected 16 bytes, found 6");
    Path bad = tmp.resolve("bad.gz");
    Files.write(bad, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
    contains(message(() -> Idx.read(bad)), "bad.gz", "corrupt gzip");
    contains(message(() -> Idx.read(tmp.resolve("absent"))), "absent", "no such file");
  }

  @Test
  void csvWithHeaderAndLabelColumn() {
    CsvData d = Csv.read(DIR.resolve("train.csv"), 1, true);
    check("train.csv/features", d.features());
    check("train.csv/labels", d.labels());
    CsvData last = Csv.read(DIR.resolve("noheader.csv"), -1, false);
    check("train.csv/features", last.features());
    check("train.csv/labels", last.labels());
    CsvData three = Csv.read(DIR.resolve("noheader.csv"), 3, false);
    assertArrayEquals(last.labels().toLongArray(), three.labels().toLongArray());
    assertEquals(6, d.toDataset().size());
  }

  @Test
  void csvErrors(@TempDir Path tmp) throws IOException {
    contains(message(() -> Csv.read(DIR.resolve("malformed_value.csv"), 2, true)), "malformed_value.csv", "line 3, column 2", "'abc'");
    contains(message(() -> Csv.read(DIR.resolve("wrong_count.csv"), 2, false)), "wrong_count.csv", "line 3", "expected 3 fields, found 2");
    contains(message(() -> Csv.read(DIR.resolve("fractional_label.csv"), 2, false)), "line 2, column 3", "'1.5' is not an integer");
    contains(message(() -> Csv.read(DIR.resolve("train.csv"), 4, true)), "label column 4 out of range for 4 fields");
    Path empty = tmp.resolve("empty.csv");
    Files.writeString(empty, "\n\n");
    contains(message(() -> Csv.read(empty, 0, false)), "empty.csv", "no data lines");
  }
}
