package io.jgrad.spark.collective;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A peer whose JVM is killed (SIGKILL, no chance to close anything): the survivor fails within seconds, naming it. */
class KilledPeerTest {
  @Test
  void theOperatingSystemClosesAKilledWorkersConnections() throws Exception {
    ServerSocket server = SocketRing.listen();
    String me = "127.0.0.1:" + server.getLocalPort();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process peer = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), RingPeerProcess.class.getName(), me)
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("PORT "), "the peer printed " + line);
      String peerAddress = "127.0.0.1:" + line.substring(5).trim();
      try (Collective c = SocketRing.connect(0, List.of(me, peerAddress), server, 77, new CollectiveOptions(1 << 16, Duration.ofSeconds(60)))) {
        float[] a = new float[100_000];
        for (int i = 0; i < 5; i++) c.allReduceSum(a); // the ring works across the two JVMs
        peer.destroyForcibly();
        long t0 = System.nanoTime();
        CollectiveException e = assertThrows(CollectiveException.class, () -> {
          while (true) c.allReduceSum(a);
        });
        double s = (System.nanoTime() - t0) / 1e9;
        assertTrue(s < 20, "noticed after " + s + " s; the timeout is 60 s");
        assertTrue(e.getMessage().contains("rank 1 (" + peerAddress + ")"), e.getMessage());
      }
    } finally {
      peer.destroyForcibly();
      peer.waitFor();
    }
  }
}
