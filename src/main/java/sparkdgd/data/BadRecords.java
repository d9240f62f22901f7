package sparkdgd.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import sparkdgd.config.BadRecordPolicy;

/**
 * Applies {@code --on-bad-record} where records are parsed, inside tasks or on the driver. {@code fail}
 * throws the record's {@link InputError}; {@code skip} counts it in a Spark accumulator and keeps the
 * first few per task as examples. Accumulators updated in a transformation can count a partition again
 * when it is recomputed, so the driver reads them once, right after the pass that first materialises
 * the cache ({@link #snapshot}). A failed task's updates are not merged; a task that succeeds twice within that pass
 * (a speculative copy, on a cluster with spark.speculation on) or a map stage run again after a lost executor
 * (where the pass parses before a shuffle: --shuffle-rows, more partitions than splits) merges its updates again, so
 * the count can then exceed the records skipped, and {@code --max-bad-records} count them so.
 */
public final class BadRecords implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Examples kept per task, and shown to the user. */
  public static final int EXAMPLES = 5;

  private final BadRecordPolicy policy;
  private final LongAccumulator count;
  private final CollectionAccumulator<InputError> examples;
  private transient int keptHere;

  private BadRecords(BadRecordPolicy policy, LongAccumulator count, CollectionAccumulator<InputError> examples) {
    this.policy = policy;
    this.count = count;
    this.examples = examples;
  }

  public static BadRecords create(JavaSparkContext jsc, BadRecordPolicy policy) {
    if (policy == BadRecordPolicy.FAIL) {
      return new BadRecords(policy, null, null);
    }
    return new BadRecords(policy, jsc.sc().longAccumulator("skipped records"),
        jsc.sc().collectionAccumulator("skipped record examples"));
  }

  public BadRecordPolicy policy() {
    return policy;
  }

  /** A bad record: thrown under {@code fail}, counted under {@code skip}. */
  public void reject(InputError error) {
    if (policy == BadRecordPolicy.FAIL) {
      throw error;
    }
    count.add(1);
    if (keptHere++ < EXAMPLES) {
      examples.add(error);
    }
  }

  /** A bad record that {@code --on-bad-record skip} may drop only when {@code skippable}: else thrown always. */
  public void reject(InputError error, boolean skippable) {
    if (!skippable) {
      throw error;
    }
    reject(error);
  }

  /** A bad record seen by a pass that is not the counting one: thrown under {@code fail}, else ignored. */
  public void rejectQuietly(InputError error) {
    if (policy == BadRecordPolicy.FAIL) {
      throw error;
    }
  }

  /**
   * The end of a bad record's fix that points to {@code --on-bad-record skip}: shown when the record stops the run,
   * left out of the examples of a run that skipped it.
   */
  public static final String SKIP_HINT = ", or pass --on-bad-record skip";

  /**
   * The skipped records so far and a few of them (the first few each task met), sorted by file and text position,
   * with line numbers resolved.
   */
  public Report snapshot(Configuration conf) {
    if (policy == BadRecordPolicy.FAIL) {
      return new Report(0, List.of());
    }
    List<InputError> all = new ArrayList<>(examples.value());
    all.sort(Comparator.comparing((InputError e) -> e.file() == null ? "" : e.file())
        .thenComparingLong(InputError::byteOffset).thenComparingLong(InputError::line));
    List<String> shown = new ArrayList<>();
    for (InputError e : all.subList(0, Math.min(EXAMPLES, all.size()))) {
      shown.add(LineLocator.resolve(conf, e).getMessage().replace(SKIP_HINT, ""));
    }
    return new Report(count.value(), List.copyOf(shown));
  }

  /** How many records were skipped, and a few of them as located messages. */
  public record Report(long skipped, List<String> examples) {}
}
