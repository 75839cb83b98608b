package io.jgrad.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** One local[2] Spark context shared by the test classes of this JVM (a context takes seconds to start). */
public final class TestSpark {
  private static JavaSparkContext sc;

  private TestSpark() {}

  public static synchronized JavaSparkContext context() {
    if (sc == null) {
      SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("jgrad-spark-tests").set("spark.ui.enabled", "false")
          .set("spark.ui.showConsoleProgress", "false").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
      sc = SparkContexts.start(conf);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> sc.stop()));
    }
    return sc;
  }
}
