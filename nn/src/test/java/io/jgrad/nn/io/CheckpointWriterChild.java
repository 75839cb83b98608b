package io.jgrad.nn.io;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run by {@link CheckpointKillTest}: saves checkpoint after checkpoint to one file, forever (until
 * killed). Checkpoint i has step i and every value equal to i, so a reader can tell a whole
 * checkpoint from a mix of two. Prints "saved i" after each save returns. Starts at args[1].
 */
public final class CheckpointWriterChild {
  public static void main(String[] args) throws IOException {
    Path f = Path.of(args[0]);
    long i = Long.parseLong(args[1]);
    int n = Integer.parseInt(args[2]);
    while (true) {
      Map<String, Tensor> m = new LinkedHashMap<>();
      for (int k = 0; k < 6; k++) m.put("layer" + k + ".weight", Tensor.full(new int[] {n}, i, DType.FLOAT32));
      m.put("step", Tensor.full(new int[] {1}, i, DType.INT64));
      new Checkpoint(m, Map.of(), i, 7, i * 3, Map.of("note", "x".repeat((int) (i % 97)))).save(f);
      for (Tensor t : m.values()) t.close();
      System.out.println("saved " + i + " " + System.nanoTime());
      System.out.flush();
      i++;
    }
  }
}
