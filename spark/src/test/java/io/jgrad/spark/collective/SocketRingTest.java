package io.jgrad.spark.collective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring over real TCP connections on the loopback interface. */
class SocketRingTest {
  /** Sets up a ring of n workers (one thread each) and runs {@code task} on every rank. */
  static <T> List<Ranks.Outcome<T>> onRing(int n, CollectiveOptions o, long runId, RankTask<T> task) throws Exception {
    List<ServerSocket> servers = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      ServerSocket s = SocketRing.listen();
      servers.add(s);
      addresses.add("127.0.0.1:" + s.getLocalPort());
    }
    return Ranks.run(n, r -> {
      try (Collective c = SocketRing.connect(r, addresses, servers.get(r), runId, o)) {
        return task.run(r, c);
      }
    });
  }

  interface RankTask<T> {
    T run(int rank, Collective c) throws Exception;
  }

  @Test
  void socketsGiveTheSameBitsAsThePipes() throws Exception {
    for (int n : new int[] {2, 3}) {
      for (int len : new int[] {1, 5, 10_000, 250_001}) {
        int bucket = 65_536;
        float[][] in = Ranks.inputs(n, len, 100 + n + len);
        float[] expected = Ranks.ringSum(in, bucket);
        List<float[]> got = Ranks.values(onRing(n, new CollectiveOptions(bucket, Duration.ofSeconds(30)), 7, (r, c) -> {
          float[] a = in[r].clone();
          c.allReduceSum(a);
          return a;
        }));
        for (int r = 0; r < n; r++) assertArrayEquals(expected, got.get(r), "size " + n + ", length " + len + ", rank " + r);
      }
    }
  }

  @Test
  void broadcastBarrierAndFloat64OverSockets() throws Exception {
    int n = 3;
    List<double[]> got = Ranks.values(onRing(n, new CollectiveOptions(1000, Duration.ofSeconds(30)), 8, (r, c) -> {
      double[] a = new double[2500];
      if (r == 2) for (int i = 0; i < a.length; i++) a[i] = i * 0.5;
      c.broadcast(a, 2);
      c.barrier();
      double[] s = {r, 1};
      c.allReduceSum(s);
      assertArrayEquals(new double[] {3, 3}, s);
      return a;
    }));
    for (double[] a : got) for (int i = 0; i < a.length; i++) assertEquals(i * 0.5, a[i], 0.0);
  }

  @Test
  void aWorkerThatDiesFailsItsPeersQuicklyNamingIt() throws Exception {
    long t0 = System.nanoTime();
    var out = onRing(2, new CollectiveOptions(1 << 16, Duration.ofSeconds(60)), 9, (r, c) -> {
      float[] a = new float[100_000];
      c.allReduceSum(a); // both take part once
      if (r == 1) throw new IllegalStateException("worker 1 fails mid-epoch");
      c.allReduceSum(a); // rank 0 waits for rank 1, whose connections close as its task ends
      return null;
    });
    double s = (System.nanoTime() - t0) / 1e9;
    assertTrue(s < 20, "took " + s + " s; the failure must not wait for the 60 s timeout");
    CollectiveException e = assertInstanceOf(CollectiveException.class, out.get(0).error());
    assertTrue(e.getMessage().contains("rank 0 of 2") && e.getMessage().contains("rank 1 (127.0.0.1:")
        && e.getMessage().contains("has stopped"), e.getMessage());
  }

  @Test
  void aStalledWorkerTimesOut() throws Exception {
    var out = onRing(2, new CollectiveOptions(1 << 16, Duration.ofMillis(500)), 10, (r, c) -> {
      if (r == 1) {
        Thread.sleep(2000);
        return null;
      }
      c.allReduceSum(new float[10]);
      return null;
    });
    CollectiveException e = assertInstanceOf(CollectiveException.class, out.get(0).error());
    assertTrue(e.getMessage().contains("no data from rank 1") && e.getMessage().contains("500 ms"), e.getMessage());
  }

  @Test
  void connectionsFromAnotherRunAreDropped() throws Exception {
    List<ServerSocket> servers = List.of(SocketRing.listen(), SocketRing.listen());
    List<String> addresses = List.of("127.0.0.1:" + servers.get(0).getLocalPort(), "127.0.0.1:" + servers.get(1).getLocalPort());
    // A left-over task of an earlier attempt (run id 1) knocks on rank 0 before rank 1 (run id 2) does.
    try (Socket stale = new Socket("127.0.0.1", servers.get(0).getLocalPort())) {
      DataOutputStream d = new DataOutputStream(stale.getOutputStream());
      d.writeInt(0x4A47524C);
      d.writeLong(1);
      d.writeInt(1);
      d.writeInt(2);
      d.flush();
      CollectiveOptions o = new CollectiveOptions(64, Duration.ofSeconds(20));
      List<float[]> got = Ranks.values(Ranks.run(2, r -> {
        try (Collective c = SocketRing.connect(r, addresses, servers.get(r), 2, o)) {
          float[] a = {r + 1};
          c.allReduceSum(a);
          return a;
        }
      }));
      for (float[] a : got) assertArrayEquals(new float[] {3}, a);
    }
  }

  @Test
  void noNeighbourIsAClearSetupError() throws Exception {
    ServerSocket mine = SocketRing.listen();
    ServerSocket absent = SocketRing.listen();
    String absentAddress = "127.0.0.1:" + absent.getLocalPort();
    absent.close();
    CollectiveException e = org.junit.jupiter.api.Assertions.assertThrows(CollectiveException.class,
        () -> SocketRing.connect(0, List.of("127.0.0.1:" + mine.getLocalPort(), absentAddress), mine, 3,
            new CollectiveOptions(64, Duration.ofMillis(400))));
    assertTrue(e.getMessage().contains("cannot set up the ring") && e.getMessage().contains("rank 1 at " + absentAddress), e.getMessage());
  }
}
