package io.jgrad.tensor.cpu;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool of worker threads ({@code jgrad.threads}, default: all cores) shared by every
 * CPU kernel. The calling thread takes part in the work. Workers spin briefly before parking,
 * since a plain executor's hand-off made 2-thread matmul at n=128 slower than 1 thread
 * (PERF.md). Nested calls (a chunk that calls back in) run serially on the thread running it.
 *
 * <p>Several threads may call in at once (a server training or serving several models): each
 * call posts its job to a queue that every idle worker serves in arrival order, and each caller
 * works on its own job until all of its chunks are done, so no call waits for another call to
 * finish and no caller can block the pool. A job's split into chunks is fixed by its caller, not
 * by how many threads happen to help, so results are the same bits whether the pool was idle or
 * busy.
 */
public final class Parallel {
  /** Body of a parallel loop over [lo, hi). */
  @FunctionalInterface
  public interface Range {
    void run(int lo, int hi);
  }

  private static final int THREADS =
      Math.max(1, Integer.getInteger("jgrad.threads", Runtime.getRuntime().availableProcessors()));
  private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
  private static final Worker[] WORKERS = new Worker[THREADS - 1];
  private static final ConcurrentLinkedQueue<Job> JOBS = new ConcurrentLinkedQueue<>();

  static {
    for (int i = 0; i < WORKERS.length; i++) {
      WORKERS[i] = new Worker("jgrad-cpu-" + (i + 1));
      WORKERS[i].start();
    }
  }

  private Parallel() {}

  /** Threads used by kernels, the caller included. */
  public static int threads() { return THREADS; }

  /** Splits [0, n) into one chunk per thread and runs them; returns when all are done. */
  public static void forRange(int n, Range body) {
    forChunks(n, Math.min(n, THREADS), body);
  }

  /** Splits [0, n) into {@code chunks} nearly equal parts, handed to threads as they free up. */
  public static void forChunks(int n, int chunks, Range body) {
    if (n <= 0) return;
    chunks = Math.max(1, Math.min(chunks, n));
    if (chunks == 1 || THREADS == 1 || INSIDE.get()) {
      body.run(0, n);
      return;
    }
    Job job = new Job(n, chunks, body);
    JOBS.add(job);
    for (Worker w : WORKERS) LockSupport.unpark(w);
    INSIDE.set(true);
    try {
      job.work();
    } finally {
      INSIDE.set(false);
    }
    try {
      job.await();
    } finally {
      JOBS.remove(job);
    }
  }

  private static final class Job {
    final int n, chunks;
    final Range body;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    volatile Throwable failure;
    final Thread owner = Thread.currentThread();

    Job(int n, int chunks, Range body) {
      this.n = n;
      this.chunks = chunks;
      this.body = body;
    }

    boolean hasWork() { return next.get() < chunks; }

    void work() {
      int c;
      while ((c = next.getAndIncrement()) < chunks) {
        try {
          body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
        } catch (Throwable t) {
          if (failure == null) failure = t;
        } finally {
          if (done.incrementAndGet() == chunks) LockSupport.unpark(owner);
        }
      }
    }

    void await() {
      int spins = 0;
      while (done.get() < chunks) {
        if (++spins < 20_000) Thread.onSpinWait();
        else LockSupport.parkNanos(this, 50_000);
      }
      Throwable t = failure;
      if (t instanceof RuntimeException r) throw r;
      if (t instanceof Error e) throw e;
      if (t != null) throw new RuntimeException(t);
    }
  }

  /** The oldest posted job that still has unclaimed chunks, or null. */
  private static Job pending() {
    for (Job j : JOBS) if (j.hasWork()) return j;
    return null;
  }

  private static final class Worker extends Thread {
    Worker(String name) {
      super(name);
      setDaemon(true);
    }

    @Override
    public void run() {
      INSIDE.set(true);
      int spins = 0;
      while (true) {
        Job j = pending();
        if (j != null) {
          j.work();
          spins = 0;
        } else if (++spins < 50_000) {
          Thread.onSpinWait();
        } else {
          // A job posted after pending() looked unparks this worker, so the park returns at once.
          LockSupport.park(this);
          spins = 0;
        }
      }
    }
  }
}
