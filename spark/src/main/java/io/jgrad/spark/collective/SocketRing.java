package io.jgrad.spark.collective;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * Sets up the socket {@link Collective}: each worker listens ({@link #listen}), the workers
 * exchange their {@code host:port} once through some rendezvous (Spark's
 * {@code BarrierTaskContext.allGather} in a barrier stage), then each connects to its right
 * neighbour and accepts its left one ({@link #connect}).
 *
 * <p>A connection opens with a 20-byte hello (magic, run id, sender rank, size); the acceptor
 * drops connections whose run id, size or rank is not the expected one, so a task left over
 * from an earlier attempt of the same job cannot join the ring.
 */
public final class SocketRing {
  private static final int HELLO = 0x4A47524C; // "JGRL"

  private SocketRing() {}

  /** A server socket on an ephemeral port of every interface; advertise {@code host + ":" + getLocalPort()}. */
  public static ServerSocket listen() throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(0), 16);
    return s;
  }

  /**
   * Connects rank {@code rank} into the ring of {@code addresses.size()} workers
   * ({@code addresses.get(i)} is worker i's {@code host:port}, served by its {@link #listen}
   * socket; this worker's own is {@code server}, closed here). Waits at most the options'
   * timeout for the neighbours.
   */
  public static Collective connect(int rank, List<String> addresses, ServerSocket server, long runId, CollectiveOptions options) {
    int size = addresses.size();
    if (rank < 0 || rank >= size) throw new IllegalArgumentException("SocketRing: rank must be in [0, " + size + "), got " + rank);
    if (size == 1) {
      SocketTransport.closeQuietly(server);
      return LocalCollectives.create(1, options).get(0);
    }
    long deadline = System.currentTimeMillis() + options.timeout().toMillis();
    int rightRank = (rank + 1) % size, leftRank = Math.floorMod(rank - 1, size);
    Socket right = null, left = null;
    try {
      right = connectRight(addresses.get(rightRank), rightRank, rank, size, runId, deadline);
      left = acceptLeft(server, addresses.get(leftRank), leftRank, rank, size, runId, deadline);
      return new RingCollective(new SocketTransport(rank, addresses, right, left, options.timeoutMillis()), options);
    } catch (IOException e) {
      SocketTransport.closeQuietly(right);
      SocketTransport.closeQuietly(left);
      throw new CollectiveException("rank " + rank + " of " + size + ": cannot set up the ring: " + e.getMessage(), e);
    } finally {
      SocketTransport.closeQuietly(server);
    }
  }

  private static Socket connectRight(String address, int rightRank, int rank, int size, long runId, long deadline) throws IOException {
    InetSocketAddress a = parse(address);
    while (true) {
      Socket s = new Socket();
      try {
        s.setTcpNoDelay(true);
        s.connect(a, (int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline - System.currentTimeMillis())));
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(HELLO);
        out.writeLong(runId);
        out.writeInt(rank);
        out.writeInt(size);
        out.flush();
        return s;
      } catch (ConnectException | SocketTimeoutException e) {
        SocketTransport.closeQuietly(s);
        if (System.currentTimeMillis() >= deadline) {
          throw new IOException("cannot connect to rank " + rightRank + " at " + address + " (" + e.getMessage() + ")", e);
        }
        sleep(50);
      } catch (IOException e) {
        SocketTransport.closeQuietly(s);
        throw new IOException("cannot connect to rank " + rightRank + " at " + address + " (" + e.getMessage() + ")", e);
      }
    }
  }

  private static Socket acceptLeft(ServerSocket server, String address, int leftRank, int rank, int size, long runId, long deadline)
      throws IOException {
    while (true) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) throw new IOException("no connection from rank " + leftRank + " (" + address + ") in time: it did not start or cannot reach this worker");
      server.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
      Socket s;
      try {
        s = server.accept();
      } catch (SocketTimeoutException e) {
        throw new IOException("no connection from rank " + leftRank + " (" + address + ") in time: it did not start or cannot reach this worker", e);
      }
      try {
        s.setTcpNoDelay(true);
        s.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline - System.currentTimeMillis())));
        DataInputStream in = new DataInputStream(s.getInputStream());
        int magic = in.readInt();
        long id = in.readLong();
        int from = in.readInt(), n = in.readInt();
        if (magic == HELLO && id == runId && from == leftRank && n == size) return s;
      } catch (IOException e) {
        // a stray or half-open connection: drop it and keep waiting for the real neighbour
      }
      SocketTransport.closeQuietly(s);
    }
  }

  /** "host:port" (the last colon splits, so a bracketed IPv6 literal works). */
  static InetSocketAddress parse(String address) {
    int c = address == null ? -1 : address.lastIndexOf(':');
    if (c <= 0) throw new IllegalArgumentException("SocketRing: expected host:port, got '" + address + "'");
    String host = address.substring(0, c);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    try {
      return new InetSocketAddress(host, Integer.parseInt(address.substring(c + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("SocketRing: expected host:port, got '" + address + "'");
    }
  }

  private static void sleep(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting", e);
    }
  }
}
