package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sparkdgd.config.UsageError;

class FeatureLimitTest {
  @Test
  void theLimitIsTheHeapOverTwoHundredFiftySixBytesAFeatureAndNeverPastJavasLargestArray() {
    assertEquals((1 << 30) / 256, FeatureLimit.forHeap(1L << 30).maxFeatures()); // 1 GiB: 4,194,304
    assertEquals((8L << 30) / 256, FeatureLimit.forHeap(8L << 30).maxFeatures()); // 8 GiB: 33,554,432
    assertEquals(Integer.MAX_VALUE - 8, FeatureLimit.forHeap(Long.MAX_VALUE).maxFeatures());
    FeatureLimit gib = FeatureLimit.forHeap(1L << 30);
    assertTrue(gib.allows(4_194_304));
    assertFalse(gib.allows(4_194_305));
    assertFalse(gib.allows(2_000_000_000));
  }

  @Test
  void messagesNameTheLimitTheHeapAndTheFix() {
    FeatureLimit gib = FeatureLimit.forHeap(1L << 30);
    gib.checkGiven(4_194_304);
    assertEquals("--num-features 4194305 is more features than this driver can hold: at most 4,194,304 with its "
        + "1,024 MiB heap, at about 256 bytes a feature (its name, coefficient, gradient sums and optimizer state); "
        + "give the data's true feature count, or the driver more memory (--driver-memory)",
        assertThrows(UsageError.class, () -> gib.checkGiven(4_194_305)).getMessage());
    assertEquals("index 2000000000 makes the model 2,000,000,000 features wide, more than this driver can hold: at "
        + "most 4,194,304 with its 1,024 MiB heap, at about 256 bytes a feature (its name, coefficient, gradient "
        + "sums and optimizer state); if the index is a mistake, fix the line, or give --num-features with the "
        + "data's true feature count (a line with a larger index is then an error, or skipped with --on-bad-record "
        + "skip); if the data is that wide, give the driver more memory (--driver-memory)",
        gib.inferredTooLarge(2_000_000_000));
    // zero-based, index 1999999999 is the 2,000,000,000th feature
    assertTrue(gib.inferredTooLarge(1_999_999_999, 2_000_000_000).startsWith("index 1999999999 makes the model "
        + "2,000,000,000 features wide"));
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
