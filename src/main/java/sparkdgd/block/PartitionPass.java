package sparkdgd.block;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.util.ThreadUtils;
import scala.collection.immutable.Range;
import scala.concurrent.duration.Duration;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * What each task of a pass runs: the partition's blocks summed into one array by the partition's
 * {@link BlockSummer}. {@link #collect} hands it to {@code SparkContext.runJob} as it is, one job, no
 * wrapper: Spark's closure cleaner reads and parses (with ASM) the class files behind every Scala closure it
 * is given, such as the wrappers of {@code mapPartitionsWithIndex} and {@code collect}, on every job; a class
 * of our own is neither a Scala closure nor a lambda, so it is only checked for serializability. On these
 * machines that took a pass over cached blocks from about 39-46 ms to 25-29 ms (medians of 100).
 */
final class PartitionPass extends AbstractFunction2<TaskContext, scala.collection.Iterator<Block>, PartitionSums>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  private final PartitionSummers summers;
  private final int width;

  private PartitionPass(PartitionSummers summers, int width) {
    this.summers = summers;
    this.width = width;
  }

  /** One job over {@code blocks}: every partition's sums, in partition order. */
  static PartitionSums[] collect(JavaRDD<Block> blocks, PartitionSummers summers, int width) {
    Object sums = blocks.context().runJob(blocks.rdd(), new PartitionPass(summers, width),
        ClassTag$.MODULE$.apply(PartitionSums.class));
    return (PartitionSums[]) sums;
  }

  /**
   * One job over {@code blocks} whose partitions' sums are added into {@code total} by the calling thread as their
   * tasks end, so that the driver holds the sums of the partitions not yet added, not all of them; a failed job
   * throws its exception as {@code runJob} does.
   */
  static BlockPass.Totals addAsTheyEnd(JavaRDD<Block> blocks, PartitionSummers summers, int width,
      RunningTotal total) {
    int partitions = blocks.getNumPartitions();
    BlockingQueue<PartitionSums> ended = new LinkedBlockingQueue<>();
    SimpleFutureAction<BoxedUnit> job = blocks.context().submitJob(blocks.rdd(), new OfIterator(summers, width),
        new Range.Exclusive(0, partitions, 1), new AbstractFunction2<Object, PartitionSums, BoxedUnit>() {
          @Override
          public BoxedUnit apply(Object partition, PartitionSums sums) { // on the scheduler's thread: no work here
            ended.add(sums);
            return BoxedUnit.UNIT;
          }
        }, new AbstractFunction0<BoxedUnit>() {
          @Override
          public BoxedUnit apply() {
            return BoxedUnit.UNIT;
          }
        });
    boolean waited = false;
    try {
      for (int added = 0; added < partitions; ) {
        PartitionSums sums = ended.poll(50, TimeUnit.MILLISECONDS);
        if (sums != null) {
          total.add(sums);
          added++;
        } else if (job.isCompleted() && ended.isEmpty()) {
          break; // failed (a job that succeeded handed every partition's sums over before it completed)
        }
      }
      ThreadUtils.awaitReady(job, Duration.Inf());
      waited = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a pass over the data", e);
    } catch (SparkException e) { // awaitReady's own failure to wait, not the job's (thrown below as it is)
      throw new IllegalStateException(e);
    } finally {
      if (!waited) {
        job.cancel(); // an interrupt or an error adding the sums here leaves no job running
      }
    }
    Try<BoxedUnit> outcome = job.value().get();
    if (outcome.isFailure()) {
      throw PartitionPass.<RuntimeException>unchecked(outcome.failed().get());
    }
    return total.totals();
  }

  /** Throws {@code t} as it is (a SparkException, checked in Java's eyes, as {@code runJob} throws it). */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T unchecked(Throwable t) throws T {
    throw (T) t;
  }

  /** {@link PartitionPass} as {@code submitJob} takes it: the partition from the task's context. */
  private static final class OfIterator extends AbstractFunction1<scala.collection.Iterator<Block>, PartitionSums>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final PartitionPass pass;

    OfIterator(PartitionSummers summers, int width) {
      this.pass = new PartitionPass(summers, width);
    }

    @Override
    public PartitionSums apply(scala.collection.Iterator<Block> blocks) {
      return pass.apply(TaskContext.get(), blocks);
    }
  }

  @Override
  public PartitionSums apply(TaskContext task, scala.collection.Iterator<Block> blocks) {
    return sum(CollectionConverters.asJava(blocks), summers.forPartition(task.partitionId()), width);
  }

  /** The sums of one partition's blocks ({@link BlockSummer#finish} called after the last). */
  static PartitionSums sum(Iterator<Block> blocks, BlockSummer summer, int width) {
    double[] acc = new double[width];
    long rows = 0;
    while (blocks.hasNext()) {
      Block b = blocks.next();
      int n = b.rows();
      if (!summer.skips(n)) {
        summer.add(b, acc);
      }
      rows += n;
    }
    summer.finish(acc);
    return new PartitionSums(acc, rows);
  }

  /**
   * {@link #sum(Iterator, BlockSummer, int)} over blocks whose row counts are known ({@code rows[k]} for
   * {@code blocks.get(k)}): a block the summer {@link BlockSummer#skips skips} is not read at all, not even its
   * row count, which for blocks cached in memory is a cache miss of its own.
   */
  static PartitionSums sum(List<Block> blocks, int[] rows, BlockSummer summer, int width) {
    if (rows.length != blocks.size()) {
      throw new IllegalArgumentException(rows.length + " row counts for " + blocks.size() + " blocks");
    }
    double[] acc = new double[width];
    long total = 0;
    for (int k = 0; k < rows.length; k++) {
      if (!summer.skips(rows[k])) {
        summer.add(blocks.get(k), acc);
      }
      total += rows[k];
    }
    summer.finish(acc);
    return new PartitionSums(acc, total);
  }
}
