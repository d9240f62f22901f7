package sparkdgd.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import sparkdgd.block.CacheSettings;

/**
 * One {@code local[2,2]} Spark session (two threads, one task retry) shared by every Spark test in the JVM (starting Spark costs
 * seconds). The trainer's command line reuses it as the active session and leaves it running.
 */
public final class SparkTestSession {
  private static SparkSession session;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2,2]") // 2 threads; a failed task is retried once, as on a cluster
          .appName("spark-dgd-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1")
          .config(CacheSettings.configure(new SparkConf(false))) // the cache's settings of the sessions we start
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    SparkSession.setActiveSession(session);
    return session;
  }
}
