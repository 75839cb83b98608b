package io.jgrad.spark;

import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.EpochResult;
import io.jgrad.nn.train.History;
import io.jgrad.nn.train.TrainerState;
import io.jgrad.spark.collective.Collective;
import io.jgrad.tensor.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-epoch agreement of the workers, as a {@link Callback} every worker installs: it sets
 * each epoch's data order and reseeds the model's generator (dropout) from (seed, rank, epoch);
 * at an epoch's end it averages the training accuracy over all workers, hands the agreed
 * {@link EpochResult} to rank 0's callbacks (checkpoints, progress, metrics files), and makes
 * a stop requested on any worker (early stopping) a stop on all of them.
 */
final class EpochSync implements Callback {
  /** Worker {@code rank} throws after batch {@code batch} of epoch {@code epoch}, in the first attempt only. */
  record FailAt(int rank, int epoch, int batch) implements java.io.Serializable {}

  private final Collective collective;
  private final WorkerData data;
  private final Generator modelGenerator;
  private final long seed;
  private final List<Callback> rankZero;
  private final FailAt failAt;
  private final int attempt;
  private final List<EpochRecord> epochs = new ArrayList<>();

  EpochSync(Collective collective, WorkerData data, Generator modelGenerator, long seed, List<Callback> rankZero, FailAt failAt,
            int attempt) {
    this.collective = collective;
    this.data = data;
    this.modelGenerator = modelGenerator;
    this.seed = seed;
    this.rankZero = collective.rank() == 0 ? List.copyOf(rankZero) : List.of();
    this.failAt = failAt;
    this.attempt = attempt;
  }

  List<EpochRecord> epochs() { return epochs; }

  @Override
  public void onTrainStart(TrainerState s) {
    startEpoch(s.epoch());
    for (Callback c : rankZero) c.onTrainStart(s);
  }

  @Override
  public void onBatchEnd(TrainerState s) {
    if (failAt != null && attempt == 0 && failAt.rank() == collective.rank() && failAt.epoch() == s.epoch()
        && failAt.batch() == s.batchInEpoch()) {
      throw new IllegalStateException("injected failure: worker " + collective.rank() + " stops after batch " + s.batchInEpoch()
          + " of epoch " + s.epoch() + " (DataParallelConfig.failAt)");
    }
    for (Callback c : rankZero) c.onBatchEnd(s);
  }

  @Override
  public void onEpochEnd(TrainerState s, EpochResult r) {
    double acc = r.trainAccuracy();
    double n = s.epochExamples();
    double[] v = {Double.isNaN(acc) ? 0 : acc * n, n, Double.isNaN(acc) ? 1 : 0};
    collective.allReduceSum(v);
    double globalAcc = v[2] > 0 ? Double.NaN : v[0] / v[1];
    EpochResult g = new EpochResult(r.epoch(), r.trainLoss(), globalAcc, r.validation(), r.seconds(), r.learningRate());
    epochs.add(EpochRecord.of(g));
    for (Callback c : rankZero) c.onEpochEnd(s, g);
    double[] stop = {s.stopRequested() ? 1 : 0};
    collective.allReduceSum(stop);
    if (stop[0] > 0 && !s.stopRequested()) s.requestStop("stop requested by another worker");
    startEpoch(r.epoch() + 1);
  }

  @Override
  public void onTrainEnd(TrainerState s, History h) {
    for (Callback c : rankZero) c.onTrainEnd(s, h);
  }

  private void startEpoch(int epoch) {
    data.startEpoch(epoch);
    modelGenerator.setState(WorkerData.mix(seed, 0x5A4D_0002L, collective.rank(), epoch), 0);
  }
}
