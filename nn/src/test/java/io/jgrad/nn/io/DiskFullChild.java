package io.jgrad.nn.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Run by CheckpointFaultsTest under {@code ulimit -f}: saves a small checkpoint, then one past the limit. */
public final class DiskFullChild {
  public static void main(String[] args) throws IOException {
    Path f = Path.of(args[0]).resolve("last.safetensors");
    CheckpointFaultsTest.checkpoint(1, 100_000).save(f);
    System.out.println("saved old: " + Files.size(f) + " bytes");
    try {
      CheckpointFaultsTest.checkpoint(2, 1_000_000).save(f);
      System.out.println("saved new (unexpected)");
    } catch (IOException e) {
      System.out.println("refused: " + e.getMessage());
    }
  }
}
