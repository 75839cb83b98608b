package io.jgrad.spark.collective;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A ring position over two TCP connections: one to the right neighbour (written by a sender
 * thread, so a send and a receive proceed together and two neighbours sending large chunks to
 * each other cannot deadlock) and one from the left (read on the caller's thread with the
 * socket's read timeout). Built by {@link SocketRing#connect}.
 */
final class SocketTransport implements Transport {
  private final int rank;
  private final List<String> addresses;
  private final Socket right;
  private final Socket left;
  private final OutputStream rightOut;
  private final InputStream leftIn;
  private final long timeoutMillis;
  private final ExecutorService sender;
  private Future<?> pending;

  SocketTransport(int rank, List<String> addresses, Socket right, Socket left, long timeoutMillis) throws IOException {
    this.rank = rank;
    this.addresses = List.copyOf(addresses);
    this.right = right;
    this.left = left;
    this.rightOut = right.getOutputStream();
    this.leftIn = left.getInputStream();
    this.timeoutMillis = timeoutMillis;
    left.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
    this.sender = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "jgrad-collective-send-rank-" + rank);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public int rank() { return rank; }

  @Override
  public int size() { return addresses.size(); }

  @Override
  public void startSend(ByteBuffer out) throws IOException {
    if (pending != null) throw new IllegalStateException("a send is already in flight");
    byte[] a = out.array();
    int off = out.arrayOffset() + out.position(), len = out.remaining();
    try {
      pending = sender.submit(() -> {
        rightOut.write(a, off, len);
        return null;
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      throw new IOException("the connection to " + describe(rightRank()) + " is closed", e);
    }
  }

  @Override
  public void finishSend() throws IOException {
    Future<?> f = pending;
    pending = null;
    if (f == null) return;
    try {
      f.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new IOException("could not hand a message to " + describe(rightRank()) + " within " + seconds() + ": that worker is not"
          + " reading (stalled or far slower; raise the collective timeout if it is legitimately busy)", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw new IOException("sending to " + describe(rightRank()) + " failed (" + c.getMessage() + "): that worker has stopped"
          + " (its task failed or was killed; see its log)", c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending to " + describe(rightRank()), e);
    }
  }

  @Override
  public void receive(ByteBuffer in) throws IOException {
    byte[] a = in.array();
    int base = in.arrayOffset();
    while (in.hasRemaining()) {
      int n;
      try {
        n = leftIn.read(a, base + in.position(), in.remaining());
      } catch (SocketTimeoutException e) {
        throw new IOException("no data from " + describe(leftRank()) + " within " + seconds() + ": that worker is stalled or far"
            + " slower (raise the collective timeout if it is legitimately busy)", e);
      } catch (IOException e) {
        throw new IOException("the connection from " + describe(leftRank()) + " failed (" + e.getMessage() + "): that worker has"
            + " stopped (its task failed or was killed; see its log)", e);
      }
      if (n < 0) {
        throw new IOException("the connection from " + describe(leftRank()) + " was closed: that worker has stopped (its task"
            + " failed or was killed; see its log)");
      }
      in.position(in.position() + n);
    }
  }

  @Override
  public String describe(int r) { return "rank " + r + " (" + addresses.get(r) + ")"; }

  @Override
  public void close() {
    sender.shutdownNow();
    closeQuietly(right);
    closeQuietly(left);
  }

  private int leftRank() { return Math.floorMod(rank - 1, size()); }

  private int rightRank() { return (rank + 1) % size(); }

  private String seconds() { return timeoutMillis >= 1000 ? (timeoutMillis / 1000) + " s" : timeoutMillis + " ms"; }

  static void closeQuietly(java.io.Closeable c) {
    try {
      if (c != null) c.close();
    } catch (IOException ignored) {
      // closing after a failure: nothing more to report
    }
  }
}
