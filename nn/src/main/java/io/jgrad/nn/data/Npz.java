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
}
