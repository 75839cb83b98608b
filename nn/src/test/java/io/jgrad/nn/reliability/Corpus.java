package io.jgrad.nn.reliability;

import io.jgrad.nn.BatchNorm1d;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.io.OptimizerStates;
import io.jgrad.nn.io.SafeTensors;
import io.jgrad.nn.optim.AdamW;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.OptimizerState;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Valid seed files for every reader, written by the formats' own rules (the fuzzer mutates these). */
final class Corpus {
  private Corpus() {}

  /** A small trained-looking model: Linear-BatchNorm-ReLU-Linear. */
  static Module model() {
    Generator g = new Generator(7);
    return new Sequential(new Linear(4, 3, true, g), new BatchNorm1d(3), new ReLU(), new Linear(3, 2, true, g));
  }

  /** A checkpoint of {@link #model()} with AdamW state after one step, as CheckpointSaver writes it. */
  static byte[] checkpoint(Path tmp) throws IOException {
    Module m = model();
    Optimizer opt = new AdamW(m.parameters(), 1e-3);
    Tensor x = Tensor.randn(new Generator(3), 5, 4);
    m.forward(x).sum().backward();
    opt.step();
    OptimizerState s = opt.stateDict();
    Map<String, String> meta = new LinkedHashMap<>(OptimizerStates.metadata(s));
    meta.put("train.epoch", "3");
    Path f = tmp.resolve("seed-checkpoint.safetensors");
    new Checkpoint(m.stateDict(), OptimizerStates.tensors(s), 17, 42, 96, meta).save(f);
    return Files.readAllBytes(f);
  }

  static byte[] safetensors(Path tmp) throws IOException {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("w", Tensor.randn(new Generator(1), 3, 4));
    t.put("d", Tensor.randn(new Generator(2), DType.FLOAT64, 2));
    t.put("i", Tensor.fromArray(new int[] {1, -2, 3}, 3));
    t.put("l", Tensor.fromArray(new long[] {5, 6}, 2));
    t.put("b", Tensor.fromArray(new byte[] {1, 0, 1, 1}, 2, 2));
    t.put("s", Tensor.scalar(2.5, DType.FLOAT32));
    t.put("e", Tensor.zeros(0, 3));
    Path f = tmp.resolve("seed.safetensors");
    SafeTensors.write(f, t, Map.of("k", "v", "note", "seed"));
    return Files.readAllBytes(f);
  }

  /** An npy file: {@code descr} one of <f4 <f8 <i4 <i8 |u1 |b1 (or big-endian), version 1 or 2. */
  static byte[] npy(String descr, int[] shape, int version) { return npy(descr, shape, version, null); }

  /** As above, but the header declares {@code shapeText} (when not null) while the data follows {@code shape}. */
  static byte[] npy(String descr, int[] shape, int version, String shapeText) {
    StringBuilder sh = new StringBuilder("(");
    for (int s : shape) sh.append(s).append(", ");
    if (shape.length > 1) sh.setLength(sh.length() - 2);
    else if (shape.length == 1) sh.setLength(sh.length() - 1);
    sh.append(")");
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + (shapeText != null ? shapeText : sh) + ", }";
    int pre = version == 1 ? 10 : 12;
    int len = dict.length() + 1;
    int padded = (pre + len + 63) / 64 * 64 - pre;
    String header = dict + " ".repeat(padded - len) + "\n";
    int item = descr.endsWith("8") ? 8 : descr.endsWith("4") ? 4 : 1;
    int n = 1;
    for (int s : shape) n *= s;
    ByteBuffer b = ByteBuffer.allocate(pre + padded + n * item)
        .order(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
    if (version == 1) b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) padded);
    else b.order(ByteOrder.LITTLE_ENDIAN).putInt(padded);
    b.order(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    b.put(header.getBytes(StandardCharsets.ISO_8859_1));
    for (int i = 0; i < n; i++) {
      switch (descr.substring(1)) {
        case "f4" -> b.putFloat(i * 0.5f - 1);
        case "f8" -> b.putDouble(i * 0.25 - 2);
        case "i4" -> b.putInt(i * 3 - 5);
        case "i8" -> b.putLong(i * 7L - 11);
        default -> b.put((byte) (i % 2));
      }
    }
    return b.array();
  }

  static List<byte[]> npys() {
    List<byte[]> l = new ArrayList<>();
    l.add(npy("<f4", new int[] {3, 4}, 1));
    l.add(npy("<f8", new int[] {5}, 2));
    l.add(npy(">i4", new int[] {2, 2, 2}, 1));
    l.add(npy("<i8", new int[] {}, 1));
    l.add(npy("|u1", new int[] {7}, 1));
    l.add(npy("|b1", new int[] {0, 3}, 1));
    return l;
  }

  static byte[] npz(boolean compressed) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.setMethod(compressed ? ZipOutputStream.DEFLATED : ZipOutputStream.STORED);
      String[] names = {"weights.npy", "labels.npy"};
      byte[][] data = {npy("<f4", new int[] {4, 3}, 1), npy("<i8", new int[] {4}, 1)};
      for (int i = 0; i < 2; i++) {
        ZipEntry e = new ZipEntry(names[i]);
        if (!compressed) {
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(data[i]);
          e.setSize(data[i].length);
          e.setCompressedSize(data[i].length);
          e.setCrc(crc.getValue());
        }
        z.putNextEntry(e);
        z.write(data[i]);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static byte[] idx(boolean images, boolean gzip) throws IOException {
    int[] shape = images ? new int[] {3, 4, 5} : new int[] {6};
    int n = 1;
    for (int s : shape) n *= s;
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length + n).order(ByteOrder.BIG_ENDIAN);
    b.putInt(images ? 0x0803 : 0x0801);
    for (int s : shape) b.putInt(s);
    for (int i = 0; i < n; i++) b.put((byte) (i * 37));
    if (!gzip) return b.array();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(b.array());
    }
    return out.toByteArray();
  }

  static byte[] csv() {
    return ("f1,f2,f3,label\n0.5,1,-2,0\n1e-3,2.5,3,1\n\n-1,0,7.25,2\n4,4,4,1\r\n").getBytes(StandardCharsets.UTF_8);
  }
}
