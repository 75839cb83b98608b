package io.jgrad.spark.collective;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The two links of a ring position: bytes go to the right neighbour (rank + 1) and come from
 * the left one (rank - 1), as ordered byte streams. One send may be in flight while receiving.
 */
interface Transport extends Closeable {
  int rank();

  int size();

  /** Starts sending {@code out}'s remaining bytes to the right neighbour; do not touch {@code out} until {@link #finishSend}. */
  void startSend(ByteBuffer out) throws IOException;

  /** Waits until the started send has been handed over (at most the timeout). */
  void finishSend() throws IOException;

  /** Fills {@code in}'s remaining bytes from the left neighbour (waiting at most the timeout for each part). */
  void receive(ByteBuffer in) throws IOException;

  /** "rank 1 (10.0.0.7:41234)": how errors name a peer. */
  String describe(int rank);

  @Override
  void close();
}
