package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class RowShuffleTest {
  private static final int DIMS = 3;

  /** Blocks of the given sizes whose row r (counted over the partition) holds r, -r, r/2 and the label 1000 + r. */
  private static List<Block> denseRows(int... blockSizes) {
    List<Block> blocks = new ArrayList<>();
    int r = 0;
    for (int size : blockSizes) {
      double[] x = new double[size * DIMS];
      double[] y = new double[size];
      for (int i = 0; i < size; i++, r++) {
        x[i * DIMS] = r;
        x[i * DIMS + 1] = -r;
        x[i * DIMS + 2] = r / 2.0;
        y[i] = 1000 + r;
      }
      blocks.add(new DenseBlock(size, DIMS, x, y));
    }
    return blocks;
  }

  /** Every row as (features..., label), in the order the blocks hold them. */
  private static List<double[]> rows(Iterator<Block> blocks) {
    List<double[]> rows = new ArrayList<>();
    blocks.forEachRemaining(b -> {
      for (int i = 0; i < b.rows(); i++) {
        double[] row = new double[b.dims() + 1];
        for (int j = 0; j < b.dims(); j++) {
          row[j] = b.value(i, j);
        }
        row[b.dims()] = b.labels()[i];
        rows.add(row);
      }
    });
    return rows;
  }

  private static List<double[]> sorted(List<double[]> rows) {
    List<double[]> s = new ArrayList<>(rows);
    s.sort(Comparator.comparingDouble((double[] row) -> row[row.length - 1]));
    return s;
  }

  @Test
  void keepsEveryRowWithItsLabelInBlocksOfTheGivenSize() {
    List<Block> in = denseRows(7, 0, 0, 7, 3); // empty blocks start where the next one does
    List<Block> out = new ArrayList<>();
    RowShuffle.shuffle(in.iterator(), 5, 42, 1).forEachRemaining(out::add);
    assertEquals(List.of(5, 5, 5, 2), out.stream().map(Block::rows).toList());
    assertTrue(out.stream().allMatch(b -> b instanceof DenseBlock && b.dims() == DIMS));
    List<double[]> before = rows(in.iterator());
    List<double[]> after = rows(out.iterator());
    assertFalse(Arrays.deepEquals(before.toArray(), after.toArray()), "the rows kept their order");
    assertTrue(Arrays.deepEquals(before.toArray(), sorted(after).toArray()), "rows were lost, changed or split");
  }

  /**
   * Rows with weights ({@code --weight-col}) keep each its weight through the shuffle, dense and sparse (the weight
   * of row r is r / 4, so a weight dealt to another row would be seen).
   */
  @Test
  void weightedRowsKeepTheirWeights() {
    for (boolean dense : new boolean[] {true, false}) {
      List<Block> in = new ArrayList<>();
      int r = 0;
      for (int size : new int[] {6, 9}) {
        BlockBuilder denseRows = new BlockBuilder(DIMS, size, true);
        SparseBlockBuilder sparseRows = new SparseBlockBuilder(DIMS, size, true);
        for (int i = 0; i < size; i++, r++) {
          double[] slot = denseRows.featureSlot();
          slot[denseRows.slotOffset()] = r;
          sparseRows.add(0, r);
          denseRows.commitRow(1000 + r, r / 4.0);
          sparseRows.commitRow(1000 + r, r / 4.0);
        }
        in.add(dense ? denseRows.build() : sparseRows.build());
      }
      List<Block> out = new ArrayList<>();
      RowShuffle.shuffle(in.iterator(), 4, 42, 1).forEachRemaining(out::add);
      int seen = 0;
      boolean moved = false;
      for (Block b : out) {
        assertTrue(b.weights() != null, "the shuffled blocks have weights");
        for (int i = 0; i < b.rows(); i++, seen++) {
          double row = b.labels()[i] - 1000;
          assertEquals(row, b.value(i, 0), 0.0);
          assertEquals(row / 4.0, b.weights()[i], 0.0, "row " + row + "'s weight");
          moved |= row != seen;
        }
      }
      assertEquals(15, seen);
      assertTrue(moved, "the rows kept their order");
    }
  }

  @Test
  void theOrderIsDrawnFromTheSeedAndThePartitionAlone() {
    List<double[]> a = rows(RowShuffle.shuffle(denseRows(64, 64).iterator(), 64, 42, 3));
    List<double[]> again = rows(RowShuffle.shuffle(denseRows(64, 64).iterator(), 64, 42, 3));
    List<double[]> otherPartition = rows(RowShuffle.shuffle(denseRows(64, 64).iterator(), 64, 42, 4));
    List<double[]> otherSeed = rows(RowShuffle.shuffle(denseRows(64, 64).iterator(), 64, 43, 3));
    assertTrue(Arrays.deepEquals(a.toArray(), again.toArray()));
    assertFalse(Arrays.deepEquals(a.toArray(), otherPartition.toArray()));
    assertFalse(Arrays.deepEquals(a.toArray(), otherSeed.toArray()));
  }

  @Test
  void sparseRowsStaySparseWithTheirNonZeros() {
    // rows: {0: 1.5}, {}, {1: 2, 3: -4}, {3: 7} with labels 10..13, over two blocks
    SparseBlock first = new SparseBlock(2, 4, new int[] {0, 1, 1}, new int[] {0}, new double[] {1.5},
        new double[] {10, 11});
    SparseBlock second = new SparseBlock(2, 4, new int[] {0, 2, 3}, new int[] {1, 3, 3}, new double[] {2, -4, 7},
        new double[] {12, 13});
    List<Block> out = new ArrayList<>();
    RowShuffle.shuffle(List.<Block>of(first, second).iterator(), 3, 5, 0).forEachRemaining(out::add);
    assertEquals(List.of(3, 1), out.stream().map(Block::rows).toList());
    assertTrue(out.stream().allMatch(b -> b instanceof SparseBlock));
    assertEquals(4, out.stream().mapToLong(Block::storedValues).sum(), "a non-zero was lost or a zero stored");
    assertTrue(Arrays.deepEquals(rows(List.<Block>of(first, second).iterator()).toArray(),
        sorted(rows(out.iterator())).toArray()));
  }

  @Test
  void dealsEqualSharesAcrossPartitionsAndGathersThemTheSameWhateverTheirArrival() {
    // two read partitions: rows 0..39 (low labels) and 40..59 (high labels), dealt over three partitions
    List<Block> all = denseRows(16, 16, 8, 20);
    List<Tuple2<Integer, Tuple2<Long, Block>>> shares = new ArrayList<>();
    RowShuffle.deal(all.subList(0, 3).iterator(), 3, 8, 42, 0).forEachRemaining(shares::add);
    RowShuffle.deal(all.subList(3, 4).iterator(), 3, 8, 42, 1).forEachRemaining(shares::add);
    List<double[]> gathered = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      final int target = t;
      List<Tuple2<Integer, Tuple2<Long, Block>>> mine = new ArrayList<>(shares.stream()
          .filter(s -> s._1() == target).toList());
      int fromLow = mine.stream().filter(s -> s._2()._1() >>> 32 == 0).mapToInt(s -> s._2()._2().rows()).sum();
      int fromHigh = mine.stream().filter(s -> s._2()._1() >>> 32 == 1).mapToInt(s -> s._2()._2().rows()).sum();
      assertTrue(Math.abs(fromLow - 40 / 3.0) < 1 && Math.abs(fromHigh - 20 / 3.0) < 1,
          "partition " + t + " got " + fromLow + " and " + fromHigh + " rows");
      List<double[]> inOrder = rows(RowShuffle.gather(mine.iterator(), 8, 42, t));
      Collections.reverse(mine);
      List<double[]> reversed = rows(RowShuffle.gather(mine.iterator(), 8, 42, t));
      assertTrue(Arrays.deepEquals(inOrder.toArray(), reversed.toArray()), "the fetch order changed the rows' order");
      gathered.addAll(inOrder);
    }
    assertTrue(Arrays.deepEquals(rows(all.iterator()).toArray(), sorted(gathered).toArray()));
  }

  @Test
  void partitionsGetEvenRowCountsWhenTheReadPartitionsHoldFewerRowsThanThereArePartitions() {
    // 8 read partitions of 3 rows into 8 partitions, and 3 of 5 into 4: each read partition's larger shares (and its
    // shares of no row) must fall on different partitions, or some get every larger share and others none
    for (int[] shape : new int[][] {{8, 3, 8}, {3, 5, 4}, {16, 1, 8}}) {
      int sources = shape[0];
      int parts = shape[2];
      int[] rowsIn = new int[parts];
      for (int p = 0; p < sources; p++) {
        RowShuffle.deal(denseRows(shape[1]).iterator(), parts, 4, 42, p)
            .forEachRemaining(share -> rowsIn[share._1()] += share._2()._2().rows());
      }
      int max = Arrays.stream(rowsIn).max().orElseThrow();
      int min = Arrays.stream(rowsIn).min().orElseThrow();
      assertTrue(max - min <= 1, Arrays.toString(shape) + ": " + Arrays.toString(rowsIn));
    }
  }

  @Test
  void eachReadPartitionDealsItsRowsInAnOrderOfItsOwn() {
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    RowShuffle.deal(denseRows(64).iterator(), 1, 64, 42, 0).forEachRemaining(s -> rows(List.of(s._2()._2())
        .iterator()).forEach(row -> first.add((int) row[0])));
    RowShuffle.deal(denseRows(64).iterator(), 1, 64, 42, 1).forEachRemaining(s -> rows(List.of(s._2()._2())
        .iterator()).forEach(row -> second.add((int) row[0])));
    assertEquals(64, first.size());
    assertFalse(first.equals(second), "two read partitions of the same rows were dealt in the same order");
  }

  /**
   * float32 rows are shuffled as float blocks (half the bytes across the shuffle), and come out as the double rows
   * shuffled the same way and rounded after: the order the loader used before it rounded first.
   */
  @Test
  void floatRowsCrossTheShuffleAsFloatsAndAgreeWithRoundingAfter() {
    List<Block> doubles = new ArrayList<>();
    for (Block b : denseRows(16, 16, 8, 20)) {
      double[] x = new double[b.rows() * DIMS];
      for (int i = 0; i < b.rows(); i++) {
        for (int j = 0; j < DIMS; j++) {
          x[i * DIMS + j] = b.value(i, j) / 3; // not a float
        }
      }
      doubles.add(new DenseBlock(b.rows(), DIMS, x, b.labels()));
    }
    List<Block> floats = doubles.stream().map(b -> (Block) DenseFloatBlock.of((DenseBlock) b)).toList();
    List<Block> shuffledFloats = new ArrayList<>();
    RowShuffle.shuffle(floats.iterator(), 8, 42, 1).forEachRemaining(shuffledFloats::add);
    List<Block> roundedAfter = new ArrayList<>();
    RowShuffle.shuffle(doubles.iterator(), 8, 42, 1)
        .forEachRemaining(b -> roundedAfter.add(DenseFloatBlock.of((DenseBlock) b)));
    assertTrue(shuffledFloats.stream().allMatch(b -> b instanceof DenseFloatBlock), "float blocks out");
    assertTrue(Arrays.deepEquals(rows(roundedAfter.iterator()).toArray(), rows(shuffledFloats.iterator()).toArray()));
    List<Tuple2<Integer, Tuple2<Long, Block>>> shares = new ArrayList<>();
    RowShuffle.deal(floats.iterator(), 3, 8, 42, 0).forEachRemaining(shares::add);
    assertTrue(shares.stream().allMatch(share -> share._2()._2() instanceof DenseFloatBlock), "float blocks dealt");
  }

  @Test
  void nothingInNothingOut() {
    assertFalse(RowShuffle.shuffle(List.<Block>of().iterator(), 4, 1, 0).hasNext());
  }

  @Test
  void everyOrderOfFourRowsIsAboutEquallyLikely() {
    SplittableRandom random = new SplittableRandom(9);
    Map<String, Integer> seen = new HashMap<>();
    int draws = 24_000;
    for (int i = 0; i < draws; i++) {
      seen.merge(Arrays.toString(RowShuffle.permutation(4, random)), 1, Integer::sum);
    }
    assertEquals(24, seen.size());
    // 1000 each on average, sd about 31: a biased swap (e.g. nextInt(n) instead of nextInt(i + 1)) is far outside
    seen.values().forEach(count -> assertEquals(1000, count, 150, seen.toString()));
  }
}
