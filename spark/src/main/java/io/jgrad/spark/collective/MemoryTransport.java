package io.jgrad.spark.collective;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A ring position whose links are in-process pipes (unbounded queues of byte blocks): the
 * {@link LocalCollectives} transport, for tests and for several workers in one JVM.
 */
final class MemoryTransport implements Transport {
  /** One direction of a link; a closed pipe hands its reader an end marker. */
  static final class Pipe {
    private static final byte[] END = new byte[0];
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private byte[] current;
    private int pos;

    void write(ByteBuffer b) {
      byte[] copy = new byte[b.remaining()];
      b.get(copy);
      queue.add(copy);
    }

    void close() { queue.add(END); }

    /** Fills {@code b}; false when the writer closed the pipe. */
    boolean read(ByteBuffer b, long timeoutMillis) throws IOException {
      while (b.hasRemaining()) {
        if (current == null || pos == current.length) {
          try {
            current = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a message", e);
          }
          pos = 0;
          if (current == null) throw new java.net.SocketTimeoutException("timeout");
          if (current == END) {
            queue.add(END); // later reads see the end too
            return false;
          }
        }
        int n = Math.min(b.remaining(), current.length - pos);
        b.put(current, pos, n);
        pos += n;
      }
      return true;
    }
  }

  private final int rank;
  private final Pipe toRight;
  private final Pipe fromLeft;
  private final int size;
  private final long timeoutMillis;

  MemoryTransport(int rank, int size, Pipe toRight, Pipe fromLeft, long timeoutMillis) {
    this.rank = rank;
    this.size = size;
    this.toRight = toRight;
    this.fromLeft = fromLeft;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public int rank() { return rank; }

  @Override
  public int size() { return size; }

  @Override
  public void startSend(ByteBuffer out) { toRight.write(out); }

  @Override
  public void finishSend() {}

  @Override
  public void receive(ByteBuffer in) throws IOException {
    int left = Math.floorMod(rank - 1, size);
    boolean ok;
    try {
      ok = fromLeft.read(in, timeoutMillis);
    } catch (java.net.SocketTimeoutException e) {
      throw new IOException("no message from " + describe(left) + " within " + timeoutMillis + " ms: that worker is stalled or far slower"
          + " (raise CollectiveOptions.timeout if it is legitimately busy)", e);
    }
    if (!ok) throw new IOException("the link from " + describe(left) + " was closed: that worker has stopped (it failed or was closed)");
  }

  @Override
  public String describe(int r) { return "rank " + r + " (in-process)"; }

  @Override
  public void close() {
    toRight.close();
    fromLeft.close();
  }
}
