package sparkdgd.bench;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import sparkdgd.block.CacheSettings;

/**
 * The session the benchmark runs on: the caller's active one (tests), otherwise a new one from
 * spark-submit's settings with the trainer's defaults ({@code local[*]}, Kryo with the block classes).
 * Only a session started here is stopped by {@link #close()}.
 */
final class BenchSession implements AutoCloseable {
  private final SparkSession session;
  private final boolean owned;

  private BenchSession(SparkSession session, boolean owned) {
    this.session = session;
    this.owned = owned;
  }

  static BenchSession useOrStart(boolean verbose) {
    sparkdgd.cli.QuietSparkLogs.forVerbosity(verbose);
    SparkSession existing = SparkSession.getActiveSession()
        .getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> null));
    if (existing != null) {
      return new BenchSession(existing, false);
    }
    SparkConf conf = new SparkConf();
    conf.setIfMissing("spark.master", "local[*]");
    conf.setIfMissing("spark.app.name", "spark-dgd benchmark");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    CacheSettings.configure(conf); // as the trainer's sessions (SparkSessions)
    return new BenchSession(SparkSession.builder().config(conf).getOrCreate(), true);
  }

  SparkSession session() {
    return session;
  }

  @Override
  public void close() {
    if (owned) {
      session.stop();
    }
  }
}
