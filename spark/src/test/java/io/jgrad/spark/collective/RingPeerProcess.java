package io.jgrad.spark.collective;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

/**
 * Rank 1 of a two-worker ring in its own JVM, for {@link KilledPeerTest}: listens, prints
 * {@code PORT <n>}, joins the ring with rank 0 at {@code args[0]} and all-reduces until killed.
 */
public final class RingPeerProcess {
  private RingPeerProcess() {}

  public static void main(String[] args) throws Exception {
    ServerSocket server = SocketRing.listen();
    String me = "127.0.0.1:" + server.getLocalPort();
    System.out.println("PORT " + server.getLocalPort());
    System.out.flush();
    try (Collective c = SocketRing.connect(1, List.of(args[0], me), server, 77, new CollectiveOptions(1 << 16, Duration.ofSeconds(60)))) {
      float[] a = new float[100_000];
      while (true) c.allReduceSum(a);
    }
  }
}
