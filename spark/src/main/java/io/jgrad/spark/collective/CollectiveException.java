package io.jgrad.spark.collective;

/**
 * A collective operation could not complete: a peer stopped or stalled past the timeout, the
 * workers made different calls, or the connections could not be set up. The message names the
 * call, this worker's rank and the peer involved.
 */
public class CollectiveException extends RuntimeException {
  public CollectiveException(String message) { super(message); }

  public CollectiveException(String message, Throwable cause) { super(message, cause); }
}
