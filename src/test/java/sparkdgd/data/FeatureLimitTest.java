package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.UsageError;

class FeatureLimitTest {
  /**
   * The smallest heaps that trained, and the largest that ran out of memory, for each optimizer and width (session 47:
   * {@code local[2]}, 20,000 sparse LIBSVM rows, {@code --num-features N}, heaps halved to about 32 MiB): the limit
   * refuses every width where its heap ran out of memory, and allows it with at most a sixth more heap than it
   * trained in (the 192 MiB base is L-BFGS's 90 and gradient descent's 170 with room for the 50-75 MiB a run moves).
   */
  @Test
  void theLimitRefusesTheWidthsThatRanOutOfMemoryAndAllowsThoseThatTrainedWithASixthMoreHeap() {
    Object[][] measured = {
        // optimizer, features, MiB out of memory, MiB trained
        {OptimizerKind.GD, 2_000_000, 704, 736},
        {OptimizerKind.GD, 3_000_000, 1036, 1061},
        {OptimizerKind.GD, 4_000_000, 1258, 1276},
        {OptimizerKind.NESTEROV, 2_000_000, 672, 704},
        {OptimizerKind.NESTEROV, 3_000_000, 886, 911},
        {OptimizerKind.LBFGS, 2_000_000, 864, 896},
        {OptimizerKind.LBFGS, 3_000_000, 1248, 1280},
        {OptimizerKind.LBFGS, 4_000_000, 1660, 1679},
    };
    for (Object[] m : measured) {
      OptimizerKind optimizer = (OptimizerKind) m[0];
      int features = (Integer) m[1];
      long outOfMemory = (long) (Integer) m[2] << 20;
      long trained = (long) (Integer) m[3] << 20;
      String what = optimizer + " at " + features;
      assertFalse(FeatureLimit.forHeap(outOfMemory, optimizer, 2).allows(features), what);
      assertTrue(FeatureLimit.forHeap(trained * 7 / 6, optimizer, 2).allows(features), what);
    }
    // the old 256 bytes a feature allowed 4,194,304 in 1 GiB, where every optimizer ran out of memory at 3e6
    assertFalse(FeatureLimit.forHeap(1L << 30, OptimizerKind.GD, 2).allows(3_000_000));
    assertEquals(((1L << 30) - (192L << 20)) / 300, FeatureLimit.forHeap(1L << 30, OptimizerKind.GD, 2).maxFeatures());
    // each task running in the driver's JVM at once adds its accumulator and result
    assertTrue(FeatureLimit.forHeap(8L << 30, OptimizerKind.GD, 16).maxFeatures()
        < FeatureLimit.forHeap(8L << 30, OptimizerKind.GD, 2).maxFeatures() / 3);
    assertEquals(Integer.MAX_VALUE - 8, FeatureLimit.forHeap(Long.MAX_VALUE, OptimizerKind.GD, 2).maxFeatures());
    assertEquals(0, FeatureLimit.forHeap(100L << 20, OptimizerKind.GD, 2).maxFeatures(), "a heap below the base");
  }

  /** A local master's threads from its URL, not from spark.default.parallelism, which a user may set to anything. */
  @Test
  void aLocalMastersThreadsAreReadFromItsUrl() {
    assertEquals(1, FeatureLimit.localThreads("local", 8));
    assertEquals(4, FeatureLimit.localThreads("local[4]", 8));
    assertEquals(2, FeatureLimit.localThreads("local[2,2]", 8));
    assertEquals(8, FeatureLimit.localThreads("local[*]", 8));
    assertEquals(8, FeatureLimit.localThreads("local[*, 3]", 8));
    assertEquals(0, FeatureLimit.localThreads("local-cluster[2,1,1024]", 8));
    assertEquals(0, FeatureLimit.localThreads("yarn", 8));
    assertEquals(0, FeatureLimit.localThreads("spark://127.0.0.1:7077", 8));
  }

  @Test
  void messagesNameTheLimitTheHeapAndTheFix() {
    FeatureLimit gib = FeatureLimit.forHeap(1L << 30, OptimizerKind.GD, 2);
    gib.checkGiven(2_908_050);
    assertEquals("--num-features 2908051 is more features than this driver can hold: at most 2,908,050 with its "
        + "1,024 MiB heap, at about 300 bytes a feature (its name, statistics and exact sums, the optimizer's "
        + "vectors, and the sums of 2 tasks at once) beyond 192 MiB; give the data's true feature count, or the "
        + "driver more memory (--driver-memory)",
        assertThrows(UsageError.class, () -> gib.checkGiven(2_908_051)).getMessage());
    assertEquals("index 2000000000 makes the model 2,000,000,000 features wide, more than this driver can hold: at "
        + "most 2,908,050 with its 1,024 MiB heap, at about 300 bytes a feature (its name, statistics and exact sums, "
        + "the optimizer's vectors, and the sums of 2 tasks at once) beyond 192 MiB; if the index is a mistake, fix "
        + "the line, or give --num-features with the data's true feature count (a line with a larger index is then "
        + "an error, or skipped with --on-bad-record skip); if the data is that wide, give the driver more memory "
        + "(--driver-memory)",
        gib.inferredTooLarge(2_000_000_000));
    // zero-based, index 1999999999 is the 2,000,000,000th feature
    assertTrue(gib.inferredTooLarge(1_999_999_999, 2_000_000_000).startsWith("index 1999999999 makes the model "
        + "2,000,000,000 features wide"));
    assertTrue(FeatureLimit.forHeap(1L << 30, OptimizerKind.LBFGS, 1).inferredTooLarge(5_000_000)
        .contains("at about 380 bytes a feature (its name, statistics and exact sums, L-BFGS's ten pairs of vectors, "
            + "and the sums of 1 task at once)"));
  }

  @Test
  void ofEqualLargestIndicesTheFirstInFileAndOffsetOrderIsKeptWhateverTheMergeOrder() {
    LargestIndex.Found a = new LargestIndex.Found(9, "file:/d/a", 700, 3);
    LargestIndex.Found b = new LargestIndex.Found(9, "file:/d/a", 20, 5);
    LargestIndex.Found c = new LargestIndex.Found(12, "file:/d/b", 0, 7);
    assertEquals(b, LargestIndex.Found.larger(a, b));
    assertEquals(b, LargestIndex.Found.larger(b, a));
    assertEquals(c, LargestIndex.Found.larger(a, c));
    assertEquals(c, LargestIndex.Found.larger(LargestIndex.Found.NONE, c));
    assertEquals(a, LargestIndex.Found.larger(a, LargestIndex.Found.NONE));
  }
}
