package io.jgrad.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Spark contexts as jgrad starts them (Spark allows one per JVM; the one started here is reused). */
public final class SparkContexts {
  private static JavaSparkContext current;

  private SparkContexts() {}

  /** The context started through this class and not stopped since, or null. */
  public static synchronized JavaSparkContext active() {
    return current != null && !current.sc().isStopped() ? current : null;
  }

  /**
   * A context for {@code master} ({@code local[2]}, {@code spark://host:7077}, {@code yarn},
   * ...; {@code "default"}: the master spark-submit set). In local mode the web UI is off; the
   * log level is WARN.
   */
  public static JavaSparkContext start(String master, String appName) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (master != null && !master.equals("default")) conf.setMaster(master);
    if (!conf.contains("spark.master")) {
      throw new IllegalArgumentException("no Spark master: pass one (local[2], spark://host:7077, yarn, ...) or run under spark-submit");
    }
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    }
    return start(conf);
  }

  /** A context for {@code conf}, at log level WARN. */
  public static synchronized JavaSparkContext start(SparkConf conf) {
    if (active() != null) throw new IllegalStateException("a Spark context is already running in this JVM: use SparkContexts.active()");
    current = new JavaSparkContext(conf);
    current.setLogLevel("WARN");
    return current;
  }
}
