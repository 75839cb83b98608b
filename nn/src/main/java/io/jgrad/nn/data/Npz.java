package io.jgrad.nn.data;

import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads NumPy {@code .npz} archives ({@code np.savez} / {@code np.savez_compressed}): a zip of
 * {@code .npy} members. Returns the arrays by name (member name without {@code .npy}), in
 * archive order.
 */
public final class Npz {
  private Npz() {}

  /** Reads every array in {@code file}. */
  public static Map<String, Tensor> read(Path file) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    try (var in = new ZipInputStream(Files.newInputStream(file))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.isDirectory()) continue;
        String member = e.getName();
        if (!member.endsWith(".npy")) continue;
        byte[] bytes = in.readAllBytes();
        String key = member.substring(0, member.length() - 4);
        try {
          out.put(key, Npy.parse(bytes, file + "!" + member));
        } catch (RuntimeException ex) {
          for (Tensor t : out.values()) t.close();
          throw ex;
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("npz " + file + ": no such file", e);
    } catch (ZipException e) {
      throw new IllegalArgumentException("npz " + file + ": not a valid zip archive: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("npz " + file + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) throw new IllegalArgumentException("npz " + file + ": no .npy arrays in the archive (is it an npz file?)");
    return out;
  }

  /**
   * A dataset from the arrays of {@code file}: features {@code x} [N, ...] (as float32), targets
   * {@code y} [N, ...] (integer arrays as int64 class labels, others as float32; null for
   * none) and each array named in {@code fields} as a named field (integer as int64, others as
   * float32). Arrays not named are ignored. A missing name is an error listing the archive's
   * arrays; arrays that disagree on N are an error naming the file and the shapes.
   */
  public static TensorDataset dataset(Path file, String x, String y, String... fields) {
    Map<String, Tensor> arrays = read(file);
    java.util.List<String> names = new java.util.ArrayList<>(java.util.Arrays.asList(fields));
    names.add(0, x);
    if (y != null) names.add(1, y);
    for (String n : names) {
      if (n == null || !arrays.containsKey(n)) {
        for (Tensor t : arrays.values()) t.close();
        throw new IllegalArgumentException("npz " + file + ": no array '" + n + "' (arrays: " + String.join(", ", arrays.keySet()) + ")");
      }
    }
    Map<String, Tensor> f = new LinkedHashMap<>();
    for (String n : fields) f.put(n, arrays.get(n));
    arrays.forEach((k, v) -> { if (!names.contains(k)) v.close(); });
    return ArrayData.dataset("npz " + file, arrays.get(x), y == null ? null : arrays.get(y), f);
  }
}
