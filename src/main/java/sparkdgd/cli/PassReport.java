package sparkdgd.cli;

import java.io.PrintStream;
import org.apache.spark.SparkContext;
import sparkdgd.train.ReadWatch;

/**
 * The lines {@code predict} and {@code evaluate} print while their one pass over the input runs long, as the trainer
 * does for its first pass ({@link ReadWatch}, {@link ConsoleProgress#readLine}): {@code Scoring: 0 of 1 partition
 * done, 709,963 records, 74.1 MB read, 26 s}. The input's size is not told (their input is read by Spark SQL, not
 * listed here), nor the bytes when fewer than the records (Parquet's, which Spark's scan does not count:
 * {@link ReadWatch.InputKind#EITHER}), and nothing with --quiet.
 */
final class PassReport {
  /** When the lines come: {@link ReadWatch.Timing#DEFAULT}; tests shorten it. */
  static volatile ReadWatch.Timing timing = ReadWatch.Timing.DEFAULT;

  private PassReport() {}

  /** Starts reporting the jobs started from now on, as {@code doing} ("Scoring"); close the watch when they end. */
  static ReadWatch start(SparkContext sc, PrintStream out, boolean quiet, String doing) {
    return ReadWatch.start(sc, -1, -1, ReadWatch.InputKind.EITHER, timing,
        quiet ? status -> {} : status -> out.println(ConsoleProgress.readLine(doing, status)));
  }
}
