package io.jgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ServiceLoader;

/**
 * Runs {@code jgrad train} outside this process: the optional spark module provides
 * {@code --spark MASTER} (data-parallel training on a Spark cluster). Implementations are found
 * through {@link ServiceLoader}, so this module needs no Spark on its class path; bin/jgrad
 * adds the spark module's jars when {@code --spark} is given.
 */
public interface TrainLauncher {
  /** The option that selects this launcher, without dashes ("spark"). */
  String option();

  /** Trains as {@code jgrad train} does with these options, printing progress and results to {@code out}. */
  TrainCommand.Result train(Options options, PrintStream out) throws IOException;

  /** The launcher for {@code --option}; an error saying what to add to the class path when none is there. */
  static TrainLauncher find(String option) {
    for (TrainLauncher l : ServiceLoader.load(TrainLauncher.class)) {
      if (l.option().equals(option)) return l;
    }
    throw new IllegalArgumentException("--" + option + " needs the jgrad-spark module on the class path: run bin/jgrad (it adds "
        + "spark/target/jgrad-spark-app.jar and Spark's jars when --" + option + " is given), or spark-submit that jar (docs/spark.md)");
  }
}
