package io.jgrad.nn.data;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An epoch whose batches a daemon thread builds ahead into a queue of two. The worker opens no
 * TensorScope, so nothing it creates is closed behind the consumer's back.
 */
final class PrefetchIterator extends DataLoader.BatchIterator {
  static final int QUEUE = 2;
  private static final AtomicInteger IDS = new AtomicInteger();

  /** Queue items: a batch, the end marker, or the worker's failure. */
  private sealed interface Item permits Ok, End, Failed {}

  private record Ok(Batch batch) implements Item {}

  private record End() implements Item {}

  private record Failed(int batch, Throwable error) implements Item {}

  private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Thread worker;
  private final int total;
  private int received;
  private volatile Item head;
  private volatile boolean closed;

  PrefetchIterator(DataLoader.BatchSource source, List<int[]> batches) {
    this.total = batches.size();
    this.worker = new Thread(() -> run(source, batches), "jgrad-dataloader-" + IDS.incrementAndGet());
    worker.setDaemon(true);
    worker.start();
  }

  private void run(DataLoader.BatchSource source, List<int[]> batches) {
    int b = 0;
    try {
      for (; b < batches.size() && !closed; b++) {
        Batch batch = source.batch(b, batches.get(b));
        if (!offer(new Ok(batch))) {
          batch.close();
          return;
        }
      }
      offer(new End());
    } catch (Throwable t) {
      offer(new Failed(b, t));
    }
  }

  /** Puts an item unless the iterator is closed first; false when closed. */
  private boolean offer(Item item) {
    try {
      while (!closed) {
        if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /** The next item; End once closed (polling, so a close from another thread cannot leave the consumer blocked). */
  private Item peek() {
    try {
      while (head == null) {
        if (closed) return new End();
        Item it = queue.poll(50, TimeUnit.MILLISECONDS);
        if (it != null && closed) {
          // close() ran on another thread while this item was in flight: free it here.
          if (it instanceof Ok ok) ok.batch().close();
          return new End();
        }
        head = it;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("DataLoader: interrupted while waiting for the prefetch thread", e);
    }
    return head;
  }

  @Override
  public boolean hasNext() {
    if (closed || received >= total) return false;
    Item it = peek();
    if (it instanceof Failed f) {
      head = null;
      close();
      throw new IllegalStateException("DataLoader: the prefetch thread failed on batch " + f.batch() + ": " + f.error(), f.error());
    }
    return it instanceof Ok;
  }

  @Override
  public Batch next() {
    if (!hasNext()) throw new NoSuchElementException("DataLoader: no more batches in this epoch");
    Item h = head;
    head = null;
    if (!(h instanceof Ok ok)) throw new NoSuchElementException("DataLoader: the epoch was closed");
    Batch b = ok.batch();
    received++;
    return b;
  }

  /** The worker thread (for tests). */
  Thread worker() { return worker; }

  @Override
  boolean finished() { return closed || received >= total; }

  /** Stops the worker, waits for it, and frees batches it built that were never handed out. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    worker.interrupt();
    try {
      worker.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (head instanceof Ok ok) ok.batch().close();
    head = null;
    Item it;
    while ((it = queue.poll()) != null) {
      if (it instanceof Ok ok) ok.batch().close();
    }
  }
}
