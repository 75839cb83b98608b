package io.jgrad.spark;

import io.jgrad.nn.data.Dataset;
import io.jgrad.spark.collective.Collective;
import io.jgrad.spark.collective.SocketRing;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.BarrierTaskInfo;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * One worker as a Spark barrier task: rank = partition id; the workers' {@code host:port} are
 * exchanged once through {@link BarrierTaskContext#allGather} (about a second: Spark polls),
 * then every collective call goes over the socket ring, and the {@link Worker} trains.
 */
final class BarrierTask extends AbstractFunction1<Iterator<Tuple2<Long, Sample>>, Iterator<WorkerResult>> implements Serializable {
  private static final long serialVersionUID = 1L;
  private final TrainingRecipe recipe;
  private final DataParallelConfig cfg;
  private final Broadcast<List<Sample>> validation;
  private final int workers;
  private final long runId;

  BarrierTask(TrainingRecipe recipe, DataParallelConfig cfg, Broadcast<List<Sample>> validation, int workers, long runId) {
    this.recipe = recipe;
    this.cfg = cfg;
    this.validation = validation;
    this.workers = workers;
    this.runId = runId;
  }

  @Override
  public Iterator<WorkerResult> apply(Iterator<Tuple2<Long, Sample>> rows) {
    requireVectorModule();
    BarrierTaskContext ctx = BarrierTaskContext.get();
    BarrierTaskInfo[] infos = ctx.getTaskInfos();
    int rank = ctx.partitionId();
    if (infos.length != workers) {
      throw new IllegalStateException("data parallel: this attempt of the training stage runs " + infos.length + " of its " + workers
          + " workers (Spark re-ran only some partitions); failing it so that all workers restart together");
    }
    List<Sample> samples = new ArrayList<>();
    List<Long> index = new ArrayList<>();
    while (rows.hasNext()) {
      Tuple2<Long, Sample> t = rows.next();
      index.add(t._1());
      samples.add(t._2());
    }
    ServerSocket server;
    try {
      server = SocketRing.listen();
    } catch (IOException e) {
      throw new UncheckedIOException("data parallel: worker " + rank + " cannot open a listening socket: " + e.getMessage(), e);
    }
    String host = host(infos[rank].address());
    String[] addresses = ctx.allGather(host + ":" + server.getLocalPort());
    int attempt = ctx.stageAttemptNumber();
    try (Collective c = SocketRing.connect(rank, Arrays.asList(addresses), server, runId * 1_000_003L + attempt, cfg.collective)) {
      Dataset local = samples.isEmpty() ? null : Samples.dataset(samples, cfg.featureShape, cfg.targetShape);
      long[] idx = index.stream().mapToLong(Long::longValue).toArray();
      Dataset val = validation == null ? null : Samples.dataset(validation.value(), cfg.featureShape, cfg.targetShape);
      WorkerResult r = Worker.run(c, attempt, local == null ? Worker.EMPTY : local, idx, val, recipe, cfg);
      return CollectionConverters.asScala(List.of(r).iterator());
    }
  }

  /** The host of an executor's "host:port". */
  static String host(String address) {
    int c = address.lastIndexOf(':');
    return c < 0 ? address : address.substring(0, c);
  }

  /** jgrad's kernels need the Vector API module in every JVM that trains. */
  static void requireVectorModule() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      throw new IllegalStateException("this JVM lacks the Vector API module that jgrad needs: add --add-modules=jdk.incubator.vector to "
          + "spark.executor.extraJavaOptions and spark.driver.extraJavaOptions (docs/spark.md)");
    }
  }
}
