package io.jgrad.spark.collective;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The ring algorithm of a {@link Collective} over a {@link Transport} (sockets or in-process
 * pipes). All-reduce is a reduce-scatter followed by an all-gather, 2 (size - 1) steps, each
 * sending one chunk (1 / size of a bucket) to the right neighbour while receiving one from the
 * left, so every link carries about 2 (size - 1) / size of the data whatever the number of
 * workers (Patarasuk and Yuan, "Bandwidth optimal all-reduce algorithms for clusters of
 * workstations", JPDC 2009). Broadcast is a pipeline along the ring from the root.
 *
 * <p>Order of the sums: a bucket of n elements is cut into chunks {@code [c n / size, (c + 1) n
 * / size)}; at reduce-scatter step s, rank r sends chunk {@code r - s} and adds the chunk
 * {@code r - s - 1} it receives into its own (the received partial sum first). Chunk c is thus
 * {@code ((g_c + g_{c+1}) + ...) + g_{c-1}} on the rank that completes it, and the all-gather
 * copies those bits to every rank.
 *
 * <p>Every message starts with a 32-byte header (magic, operation, element type, step, call
 * number, the call's total length, bucket, element count) that the receiver checks against the call it is making, so
 * workers that diverge in their calls fail with both calls named instead of mixing data.
 */
public final class RingCollective implements Collective {
  static final int HEADER = 32;
  private static final int MAGIC = 0x4A475244; // "JGRD"
  private static final int OP_REDUCE_SCATTER = 1, OP_ALL_GATHER = 2, OP_BROADCAST = 3;

  private final Transport transport;
  private final CollectiveOptions options;
  private final int rank;
  private final int size;
  private final Values.Scratch scratch = new Values.Scratch();
  private final ByteBuffer header = ByteBuffer.allocate(HEADER).order(Values.ORDER);
  private ByteBuffer out = ByteBuffer.allocate(HEADER).order(Values.ORDER);
  private ByteBuffer in = ByteBuffer.allocate(0).order(Values.ORDER);
  private long calls;
  private long total;
  private String what = "";
  private volatile String broken;
  private long arCalls, arElements, arNanos;

  RingCollective(Transport transport, CollectiveOptions options) {
    this.transport = transport;
    this.options = options;
    this.rank = transport.rank();
    this.size = transport.size();
  }

  @Override
  public int rank() { return rank; }

  @Override
  public int size() { return size; }

  @Override
  public synchronized void allReduceSum(float[] data, int offset, int length) {
    checkRange("allReduceSum", data.length, offset, length);
    allReduce(Values.of(data, scratch), offset, length, "all-reduce");
  }

  @Override
  public synchronized void allReduceSum(double[] data, int offset, int length) {
    checkRange("allReduceSum", data.length, offset, length);
    allReduce(Values.of(data, scratch), offset, length, "all-reduce");
  }

  @Override
  public synchronized void broadcast(float[] data, int offset, int length, int root) {
    checkRange("broadcast", data.length, offset, length);
    broadcast(Values.of(data, scratch), offset, length, root);
  }

  @Override
  public synchronized void broadcast(double[] data, int offset, int length, int root) {
    checkRange("broadcast", data.length, offset, length);
    broadcast(Values.of(data, scratch), offset, length, root);
  }

  @Override
  public synchronized void barrier() { allReduce(Values.of(new float[1], scratch), 0, 1, "barrier"); }

  @Override
  public synchronized CollectiveStats stats() { return new CollectiveStats(arCalls, arElements, arNanos); }

  @Override
  public void close() { transport.close(); }

  private void allReduce(Values v, int offset, int length, String name) {
    long t0 = System.nanoTime();
    long call = begin(name, length);
    if (size > 1 && length > 0) {
      int bucket = options.bucketElements();
      int buckets = (int) ((length + (long) bucket - 1) / bucket);
      for (int b = 0; b < buckets; b++) {
        int from = offset + b * bucket;
        int n = Math.min(bucket, offset + length - from);
        ring(v, from, n, call, b, buckets);
      }
    }
    arCalls++;
    arElements += length;
    arNanos += System.nanoTime() - t0;
  }

  /** One ring pass over {@code [from, from + n)}. */
  private void ring(Values v, int from, int n, long call, int bucket, int buckets) {
    for (int s = 0; s < size - 1; s++) {
      int send = mod(rank - s), recv = mod(rank - s - 1);
      exchange(OP_REDUCE_SCATTER, v, s, call, bucket, buckets, from + start(send, n), count(send, n), from + start(recv, n),
          count(recv, n), true);
    }
    for (int s = 0; s < size - 1; s++) {
      int send = mod(rank - s + 1), recv = mod(rank - s);
      exchange(OP_ALL_GATHER, v, s, call, bucket, buckets, from + start(send, n), count(send, n), from + start(recv, n),
          count(recv, n), false);
    }
  }

  private void exchange(int op, Values v, int step, long call, int bucket, int buckets, int sendFrom, int sendCount, int recvTo,
                        int recvCount, boolean add) {
    String where = where(op, step, bucket, buckets);
    ByteBuffer o = frame(op, v, step, call, bucket, sendFrom, sendCount);
    try {
      transport.startSend(o);
      ByteBuffer i = receive(op, v, step, call, bucket, recvCount, where, mod(rank - 1));
      if (add) v.decodeAdd(i, recvTo, recvCount);
      else v.decodeSet(i, recvTo, recvCount);
      transport.finishSend();
    } catch (IOException e) {
      throw fail(where, e);
    }
  }

  private void broadcast(Values v, int offset, int length, int root) {
    if (root < 0 || root >= size) throw new IllegalArgumentException("broadcast: root must be in [0, " + size + "), got " + root);
    long call = begin("broadcast from rank " + root, length);
    if (size == 1 || length == 0) return;
    int seg = options.bucketElements();
    int segments = (int) ((length + (long) seg - 1) / seg);
    boolean forward = mod(rank + 1) != root;
    boolean pending = false;
    for (int k = 0; k < segments; k++) {
      int from = offset + k * seg;
      int n = Math.min(seg, offset + length - from);
      String where = where(OP_BROADCAST, root, k, segments);
      try {
        if (rank != root) v.decodeSet(receive(OP_BROADCAST, v, root, call, k, n, where, mod(rank - 1)), from, n);
        if (pending) transport.finishSend();
        pending = false;
        if (forward) {
          transport.startSend(frame(OP_BROADCAST, v, root, call, k, from, n));
          pending = true;
        }
      } catch (IOException e) {
        throw fail(where, e);
      }
    }
    try {
      if (pending) transport.finishSend();
    } catch (IOException e) {
      throw fail(where(OP_BROADCAST, root, segments - 1, segments), e);
    }
  }

  /** Header plus {@code count} elements from {@code from}, ready to send (in the reused out buffer). */
  private ByteBuffer frame(int op, Values v, int step, long call, int bucket, int from, int count) {
    int bytes = HEADER + count * v.bytesPer();
    if (out.capacity() < bytes) out = ByteBuffer.allocate(bytes).order(Values.ORDER);
    ByteBuffer o = out.clear();
    o.putInt(MAGIC).put((byte) op).put((byte) v.typeCode()).putShort((short) step).putLong(call).putLong(total).putInt(bucket).putInt(count);
    v.encode(from, count, o);
    return o.flip();
  }

  /** Reads and checks a header from the left neighbour, then its payload; returns the payload. */
  private ByteBuffer receive(int op, Values v, int step, long call, int bucket, int count, String where, int from)
      throws IOException {
    ByteBuffer h = header.clear();
    transport.receive(h);
    h.flip();
    int magic = h.getInt();
    int gotOp = h.get(), gotType = h.get(), gotStep = h.getShort();
    long gotCall = h.getLong();
    long gotTotal = h.getLong();
    int gotBucket = h.getInt(), gotCount = h.getInt();
    if (magic != MAGIC) {
      throw new IOException("received bytes that are not a collective message from " + transport.describe(from)
          + " (another program connected, or the stream lost its framing)");
    }
    if (gotOp != op || gotType != v.typeCode() || gotStep != (short) step || gotCall != call || gotTotal != total || gotBucket != bucket
        || gotCount != count) {
      String expected = describe(op, v.typeCode(), step, call, total, bucket, count);
      String got = describe(gotOp, gotType, gotStep, gotCall, gotTotal, gotBucket, gotCount);
      String msg = "expected " + expected + " from " + transport.describe(from) + ", got " + got
          + ": the workers made different collective calls (every worker must make the same calls, in the same order, with the same lengths)";
      throw new IOException(msg);
    }
    int bytes = count * v.bytesPer();
    if (in.capacity() < bytes) in = ByteBuffer.allocate(bytes).order(Values.ORDER);
    ByteBuffer i = in.clear().limit(bytes);
    transport.receive(i);
    return i.flip();
  }

  private long begin(String name, long length) {
    String b = broken;
    if (b != null) throw new CollectiveException("rank " + rank + ": " + name + " on a broken collective; it failed earlier: " + b);
    what = name;
    total = length;
    return calls++;
  }

  private CollectiveException fail(String where, IOException e) {
    String msg = "rank " + rank + " of " + size + ": " + what + " (call " + (calls - 1) + ", " + where + ") failed: " + e.getMessage();
    broken = msg;
    transport.close();
    return new CollectiveException(msg, e);
  }

  private static String where(int op, int step, int bucket, int buckets) {
    return switch (op) {
      case OP_REDUCE_SCATTER -> "reduce-scatter step " + step + ", bucket " + (bucket + 1) + " of " + buckets;
      case OP_ALL_GATHER -> "all-gather step " + step + ", bucket " + (bucket + 1) + " of " + buckets;
      default -> "segment " + (bucket + 1) + " of " + buckets;
    };
  }

  private static String describe(int op, int type, int step, long call, long total, int bucket, int count) {
    String name = switch (op) {
      case OP_REDUCE_SCATTER -> "reduce-scatter step " + step;
      case OP_ALL_GATHER -> "all-gather step " + step;
      case OP_BROADCAST -> "broadcast from rank " + step;
      default -> "operation " + op;
    };
    return "call " + call + " (" + name + " of " + total + (type == 0 ? " float32" : " float64") + " values, bucket " + bucket + ", "
        + count + " in this message)";
  }

  private int mod(int r) { return Math.floorMod(r, size); }

  /** Chunk c of a bucket of n: [c n / size, (c + 1) n / size). */
  private long startL(int c, int n) { return (long) c * n / size; }

  private int start(int c, int n) { return (int) startL(c, n); }

  private int count(int c, int n) { return (int) (startL(c + 1, n) - startL(c, n)); }

  private static void checkRange(String op, int arrayLength, int offset, int length) {
    if (offset < 0 || length < 0 || offset > arrayLength - length) {
      throw new IllegalArgumentException(op + ": range [" + offset + ", " + offset + " + " + length + ") is outside an array of "
          + arrayLength);
    }
  }
}
