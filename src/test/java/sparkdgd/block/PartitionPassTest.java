package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import sparkdgd.testing.SparkTestSession;

/** The pass's own job against the same sums made with {@code mapPartitionsWithIndex} and {@code collect}. */
class PartitionPassTest {
  @Test
  void oneJobGivesTheSumsOfMapPartitionsAndCollectAndEachPartitionItsIndex() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    Random rnd = new Random(3);
    List<Block> blocks = new ArrayList<>();
    for (int k = 0; k < 23; k++) {
      int n = 1 + rnd.nextInt(50);
      double[] x = new double[n * 2];
      double[] y = new double[n];
      for (int i = 0; i < x.length; i++) {
        x[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12));
      }
      blocks.add(new DenseBlock(n, 2, x, y));
    }
    JavaRDD<Block> rdd = jsc.parallelize(blocks, 7);
    // slot 0, 1: the feature sums; slot 2: the partition index once per block (is each partition told its own?)
    PartitionSummers summers = partition -> (b, acc) -> {
      for (int i = 0; i < b.rows(); i++) {
        acc[0] += b.value(i, 0);
        acc[1] += b.value(i, 1);
      }
      acc[2] += partition;
    };
    BlockPass.Totals oneJob = BlockPass.run(rdd, summers, 3);
    JavaRDD<PartitionSums> perPartition = rdd.mapPartitionsWithIndex(
        (index, it) -> List.of(PartitionPass.sum(it, summers.forPartition(index), 3)).iterator(), true);
    BlockPass.Totals twoSteps = BlockPass.merge(perPartition, 3, 1);
    assertArrayEquals(twoSteps.sums(), oneJob.sums(), 0.0);
    assertEquals(blocks.stream().mapToLong(Block::rows).sum(), oneJob.rows());
    assertEquals(twoSteps.rows(), oneJob.rows());
    double expectedIndexes = 0;
    List<List<Block>> parts = rdd.glom().collect();
    for (int p = 0; p < parts.size(); p++) {
      expectedIndexes += (double) p * parts.get(p).size();
    }
    assertEquals(expectedIndexes, oneJob.sums()[2], 0.0);
  }

  /**
   * A wide pass (its partitions' sums added on the driver as each task ends) gives, to the bit, the exact total of
   * the sums {@code mapPartitionsWithIndex} and {@code collect} make, each partition told its own index; a task that
   * fails fails the pass with its own message.
   */
  @Test
  void aWidePassAddedAsTasksEndGivesTheExactTotalOfCollectedSums() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    int width = BlockPass.SLICED_FROM + 3;
    List<Block> blocks = new ArrayList<>();
    for (int k = 0; k < 11; k++) {
      blocks.add(new DenseBlock(1, 1, new double[] {k}, new double[] {0}));
    }
    JavaRDD<Block> rdd = jsc.parallelize(blocks, 5);
    // position i of a block's row holding v: v times a fixed pattern, so that partitions' sums cancel and differ
    // from plain double sums; the last position counts the partition's index once per block
    PartitionSummers summers = partition -> (b, acc) -> {
      double v = b.value(0, 0);
      for (int i = 0; i < width - 1; i++) {
        acc[i] += (i % 3 == 0 ? 1e16 * (v % 2 == 0 ? 1 : -1) : Math.scalb(v + i, -i % 60)) + 0.1 * v;
      }
      acc[width - 1] += partition;
    };
    JavaRDD<PartitionSums> perPartition = rdd.mapPartitionsWithIndex(
        (index, it) -> List.of(PartitionPass.sum(it, summers.forPartition(index), width)).iterator(), true);
    ExactSum exact = new ExactSum(width);
    perPartition.collect().forEach(exact::add);
    BlockPass.Totals wide = BlockPass.run(rdd, summers, width);
    assertArrayEquals(exact.toDoubles(), wide.sums(), 0.0);
    assertEquals(11, wide.rows());
    double expectedIndexes = 0;
    List<List<Block>> parts = rdd.glom().collect();
    for (int p = 0; p < parts.size(); p++) {
      expectedIndexes += (double) p * parts.get(p).size();
    }
    assertEquals(expectedIndexes, wide.sums()[width - 1], 0.0);

    PartitionSummers failing = partition -> (b, acc) -> {
      if (partition == 3) {
        throw new IllegalStateException("partition 3 could not be summed");
      }
    };
    // the job's own exception, as runJob throws it, not wrapped
    Exception e = assertThrows(org.apache.spark.SparkException.class, () -> BlockPass.run(rdd, failing, width));
    assertTrue(e.getMessage().contains("partition 3 could not be summed"), e.getMessage());
  }

  /**
   * A wide pass whose partitions each touch a few positions (their sums travel as non-zero values alone,
   * PartitionSumsSerializer) totals to the sums written out here, a block that touches none among them.
   */
  @Test
  void aWidePassOfSumsMostlyZeroGivesTheTotalsOfEveryPartitionsTouches() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    int width = BlockPass.SLICED_FROM + 5;
    List<Block> blocks = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      blocks.add(new DenseBlock(1, 1, new double[] {k}, new double[] {0}));
    }
    JavaRDD<Block> rdd = jsc.parallelize(blocks, 6); // two blocks a partition
    // a block k touches positions k, k + 13, k + 26, ... (a thirteenth of them) with small whole numbers, which
    // doubles add exactly; block 11 touches none
    PartitionSummers summers = partition -> (b, acc) -> {
      int k = (int) b.value(0, 0);
      for (int i = k; k < 11 && i < width; i += 13) {
        acc[i] += k + 1 + i % 5;
      }
    };
    double[] expected = new double[width];
    for (int k = 0; k < 11; k++) {
      for (int i = k; i < width; i += 13) {
        expected[i] += k + 1 + i % 5;
      }
    }
    BlockPass.Totals wide = BlockPass.run(rdd, summers, width);
    assertArrayEquals(expected, wide.sums(), 0.0);
    assertEquals(12, wide.rows());
  }

  @Test
  void blocksWithKnownRowCountsThatTheSampleTakesNoRowFromAreNotRead() {
    Random rnd = new Random(5);
    RowSampler sample = RowSampler.sample(0.02, 16, 9, 4);
    RowSampler.Cursor reference = sample.cursor(1);
    List<Block> read = new ArrayList<>();
    List<Block> withoutTheSkipped = new ArrayList<>();
    int[] rows = new int[300];
    int[] buf = new int[400];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = 1 + rnd.nextInt(buf.length);
      double[] x = new double[rows[k]];
      double[] y = new double[rows[k]];
      for (int i = 0; i < x.length; i++) {
        x[i] = rnd.nextGaussian();
      }
      Block b = new DenseBlock(rows[k], 1, x, y);
      read.add(b);
      withoutTheSkipped.add(reference.choose(rows[k], buf) > 0 ? b : null);
    }
    long blocksWithRows = withoutTheSkipped.stream().filter(b -> b != null).count();
    assertTrue(blocksWithRows > 20 && blocksWithRows < 250, blocksWithRows + " of 300 blocks have chosen rows");
    // slot 0: the chosen rows' values; slot 1: how many blocks add was handed
    PartitionSums everyBlock = PartitionPass.sum(read.iterator(), addChosen(sample.cursor(1)), 2);
    RowSampler.Cursor cursor = sample.cursor(1);
    PartitionSums skipping = PartitionPass.sum(withoutTheSkipped, rows,
        BlockSummer.sampling(cursor, addChosen(cursor)), 2);
    assertEquals(300, everyBlock.sums()[1], 0.0);
    assertEquals(blocksWithRows, skipping.sums()[1], 0.0, "add was handed only the blocks with chosen rows");
    assertEquals(everyBlock.sums()[0], skipping.sums()[0], 0.0);
    assertEquals(read.stream().mapToLong(Block::rows).sum(), skipping.rows());
    assertEquals(everyBlock.rows(), skipping.rows());
  }

  /** Adds the values of the rows {@code cursor} chooses into slot 0, and 1 into slot 1 for every block it is handed. */
  private static BlockSummer addChosen(RowSampler.Cursor cursor) {
    return (b, acc) -> {
      int[] chosen = cursor.next(b.rows());
      for (int i = 0; i < cursor.count(); i++) {
        acc[0] += b.value(chosen[i], 0);
      }
      acc[1]++;
    };
  }
}
