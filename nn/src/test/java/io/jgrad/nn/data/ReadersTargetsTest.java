package io.jgrad.nn.data;

import static org.junit.jupiter.api.Assertions.*;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV regression targets and named fields; npy and npz files as datasets with any targets and fields. */
class ReadersTargetsTest {
  static final String TABLE = """
      id,x1,x2,price,region,propensity,size
      7,1.5,2,10.25,0,0.5,3
      8,-1,0.25,-3.5,2,0.25,4

      9,0,1,0,1,1.0,5
      """;

  static Path write(Path dir, String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void csvRegressionTargetsFieldsAndIgnoredColumns(@TempDir Path dir) throws IOException {
    Path f = write(dir, "table.csv", TABLE);
    CsvData d = Csv.read(f, Csv.options().header(true).targets("price").intField("region", "region").field("propensity", "propensity")
        .ignore("id"));
    assertArrayEquals(new int[] {3, 3}, d.features().shape(), "x1, x2, size");
    assertArrayEquals(new float[] {1.5f, 2, 3, -1, 0.25f, 4, 0, 1, 5}, d.features().toFloatArray());
    assertEquals(DType.FLOAT32, d.labels().dtype());
    assertArrayEquals(new float[] {10.25f, -3.5f, 0}, d.labels().toFloatArray());
    assertArrayEquals(new long[] {0, 2, 1}, d.fields().get("region").toLongArray());
    assertArrayEquals(new float[] {0.5f, 0.25f, 1}, d.fields().get("propensity").toFloatArray());
    try (Batch b = d.toDataset().batch(new int[] {2, 0})) {
      assertArrayEquals(new float[] {0, 10.25f}, b.y().toFloatArray());
      assertArrayEquals(new long[] {1, 0}, b.field("region").toLongArray());
      assertArrayEquals(new long[] {2, 0}, b.index().toLongArray());
    }
    CsvData two = Csv.read(f, Csv.options().header(true).targets(3, -1).ignore(0));
    assertArrayEquals(new int[] {3, 2}, two.labels().shape(), "two target columns: [N, 2] in the order given");
    assertArrayEquals(new float[] {10.25f, 3, -3.5f, 4, 0, 5}, two.labels().toFloatArray());
    CsvData unlabelled = Csv.read(f, Csv.options().header(true));
    assertNull(unlabelled.labels());
    assertArrayEquals(new int[] {3, 7}, unlabelled.features().shape());
  }

  @Test
  void csvErrorsNameTheFileLineAndColumn(@TempDir Path dir) throws IOException {
    Path f = write(dir, "table.csv", TABLE);
    var e = assertThrows(IllegalArgumentException.class, () -> Csv.read(f, Csv.options().header(true).targets("cost")));
    assertTrue(e.getMessage().contains("table.csv: no column 'cost' (target) in the header [id, x1, x2, price, region, propensity, size]"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Csv.read(f, Csv.options().header(true).intField("p", "propensity")));
    assertTrue(e.getMessage().contains("table.csv line 2, column 6: field 'p' value '0.5' is not an integer"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Csv.read(f, Csv.options().targets("price")));
    assertTrue(e.getMessage().contains("target column 'price' is given by name, but the file is read without a header"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Csv.read(f, Csv.options().header(true).targets("price").field("p", 3)));
    assertTrue(e.getMessage().contains("column 4 is given two roles (the second: field 'p')"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Csv.read(f, Csv.options().header(true).targets(9)));
    assertTrue(e.getMessage().contains("target column 9 out of range for 7 fields"), e.getMessage());
    Path bad = write(dir, "bad.csv", "a,b\n1,2\n3,x\n");
    e = assertThrows(IllegalArgumentException.class, () -> Csv.read(bad, Csv.options().header(true).targets("b")));
    assertTrue(e.getMessage().contains("bad.csv line 3, column 2: 'x' is not a number"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Csv.options().labels(0).targets(1));
    assertTrue(e.getMessage().contains("labels and targets exclude each other"), e.getMessage());
  }

  /** A little-endian C-order .npy file of {@code descr} with {@code data} (float[], double[], long[] or int[]). */
  static byte[] npy(String descr, int[] shape, Object data) {
    StringBuilder s = new StringBuilder("(");
    for (int d : shape) s.append(d).append(", ");
    String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + s.toString().replaceAll(", $", shape.length == 1 ? "," : "")
        + "), }";
    int pad = 64 - (10 + header.length() + 1) % 64;
    header = header + " ".repeat(pad % 64) + "\n";
    int n = data instanceof float[] a ? a.length * 4 : data instanceof double[] a ? a.length * 8 : data instanceof long[] a ? a.length * 8
        : ((int[]) data).length * 4;
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + n).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.US_ASCII));
    if (data instanceof float[] a) for (float v : a) b.putFloat(v);
    else if (data instanceof double[] a) for (double v : a) b.putDouble(v);
    else if (data instanceof long[] a) for (long v : a) b.putLong(v);
    else for (int v : (int[]) data) b.putInt(v);
    return b.array();
  }

  @Test
  void npzAndNpyFilesBecomeDatasets(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("data.npz");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      put(z, "x.npy", npy("<f8", new int[] {3, 2}, new double[] {1, 2, 3, 4, 5, 6}));
      put(z, "y.npy", npy("<f8", new int[] {3, 2}, new double[] {0.5, 1, 1.5, 2, 2.5, 3}));
      put(z, "bag.npy", npy("<i4", new int[] {3}, new int[] {0, 0, 1}));
      put(z, "unused.npy", npy("<f4", new int[] {1}, new float[] {9}));
    }
    Files.write(f, bytes.toByteArray());
    TensorDataset d = Npz.dataset(f, "x", "y", "bag");
    assertEquals(DType.FLOAT32, d.features().dtype(), "features for training in float32");
    try (Batch b = d.batch(new int[] {1, 2})) {
      assertArrayEquals(new float[] {3, 4, 5, 6}, b.x().toFloatArray());
      assertArrayEquals(new int[] {2, 2}, b.y().shape());
      assertEquals(DType.FLOAT32, b.y().dtype());
      assertEquals(DType.INT64, b.field("bag").dtype(), "integer arrays as int64");
      assertArrayEquals(new long[] {0, 1}, b.field("bag").toLongArray());
    }
    var e = assertThrows(IllegalArgumentException.class, () -> Npz.dataset(f, "x", "labels"));
    assertTrue(e.getMessage().contains("data.npz: no array 'labels' (arrays: x, y, bag, unused)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Npz.dataset(f, "x", "unused"));
    assertTrue(e.getMessage().contains("npz " + f + ": TensorDataset: features [3, 2] and targets [1] disagree on N"), e.getMessage());

    Path x = dir.resolve("x.npy"), y = dir.resolve("y.npy");
    Files.write(x, npy("<f4", new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
    Files.write(y, npy("<i8", new int[] {2}, new long[] {1, 0}));
    try (Batch b = Npy.dataset(x, y).batch(new int[] {0, 1})) {
      assertArrayEquals(new long[] {1, 0}, b.y().toLongArray());
      assertArrayEquals(new long[] {0, 1}, b.index().toLongArray());
    }
    assertEquals(List.of(), List.copyOf(Npy.dataset(x, y).fields().keySet()));
  }

  private static void put(ZipOutputStream z, String name, byte[] data) throws IOException {
    z.putNextEntry(new ZipEntry(name));
    ((OutputStream) z).write(data);
    z.closeEntry();
  }
}
