package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** When a long first pass is reported, and what the report adds up, from made-up events and times. */
class ReadProgressTest {
  private static final long S = 1_000_000_000L;
  private static final long T0 = 5 * S; // any start: times are differences

  private static ReadProgress.Counts counts(long records, long bytes, long shuffleRecords) {
    return new ReadProgress.Counts(records, bytes, shuffleRecords);
  }

  @Test
  void noLineComesBeforeAStageThatReadsHasStarted() {
    ReadProgress p = new ReadProgress(T0, 10, 15, -1);
    assertNull(p.due(T0 + 11 * S));
    p.stage(0, 1, false, false);
    assertNull(p.due(T0 + 12 * S), "a stage that does not read the input");
    p.stage(1, 2, true, true);
    assertEquals(13.0, p.due(T0 + 13 * S).seconds(), 0);
  }

  @Test
  void theFirstLineComesAfterFirstSecondsThenOneEveryEverySeconds() {
    ReadProgress p = new ReadProgress(T0, 10, 15, -1);
    p.stage(0, 1, true, true);
    assertNull(p.due(T0 + 9 * S), "a pass that ends within 10 s says nothing");
    assertNull(p.due(T0 + 10 * S - 1));
    assertEquals(10.0, p.due(T0 + 10 * S).seconds(), 0);
    assertNull(p.due(T0 + 10 * S + 1), "one line at a time");
    assertNull(p.due(T0 + 25 * S - 1));
    assertEquals(25.0, p.due(T0 + 25 * S).seconds(), 0);
    // a tick that came late: the next line is due every 15 s after this one, not after the schedule
    assertEquals(41.5, p.due(T0 + 41 * S + S / 2).seconds(), 1e-9);
    assertNull(p.due(T0 + 56 * S));
    assertEquals(56.5, p.due(T0 + 56 * S + S / 2).seconds(), 1e-9);
  }

  @Test
  void oneStageThatReadsAndCachesCountsItsPartitionsAndEveryTasksRecords() {
    ReadProgress p = new ReadProgress(T0, 10, 15, 5000);
    p.stage(3, 4, true, true);
    p.stage(3, 4, true, true); // told again at submission: still 4 partitions
    p.stage(4, 1, false, false); // the driver's collect of the sums: neither reads nor caches
    p.running(100, 3, counts(70, 700, 0));
    p.running(101, 3, counts(20, 200, 0));
    p.ended(102, 3, 2, true, counts(300, 3000, 0));
    ReadStatus s = p.status(T0 + 12 * S);
    // 70 + 20 running, 300 ended; bytes likewise 700 + 200 + 3000
    assertEquals(new ReadStatus(1, 4, 70 + 20 + 300, 700 + 200 + 3000, 5000, 0, 0, 0, 12.0), s);
    // a newer report replaces the older; a failed task's counts go (its retry reads again), and a late report of
    // a task that ended does not bring them back
    p.running(100, 3, counts(90, 900, 0));
    p.ended(101, 3, 1, false, ReadProgress.Counts.NONE);
    p.running(101, 3, counts(25, 250, 0));
    assertEquals(new ReadStatus(1, 4, 90 + 300, 900 + 3000, 5000, 0, 0, 0, 13.0), p.status(T0 + 13 * S));
    // the retry of partition 1 and a second copy of partition 2 (speculation, which read it all again): partitions,
    // and their records and bytes, count once
    p.ended(103, 3, 1, true, counts(40, 400, 0));
    p.ended(104, 3, 2, true, counts(300, 3000, 0));
    assertEquals(new ReadStatus(2, 4, 90 + 300 + 40, 900 + 3000 + 400, 5000, 0, 0, 0, 14.0), p.status(T0 + 14 * S));
    // a task of a stage the pass did not start (another job) is not the pass's
    p.running(200, 9, counts(1_000_000, 1, 0));
    p.ended(201, 9, 0, true, counts(1_000_000, 1, 0));
    assertEquals(90 + 300 + 40, p.status(T0 + 15 * S).records());
  }

  @Test
  void aShuffleBeforeTheCacheCountsTheSplitsReadAndThePartitionsCachedApart() {
    ReadProgress p = new ReadProgress(T0, 10, 15, 800);
    p.stage(0, 1, true, false); // one gzip file: one split
    p.stage(1, 2, false, true); // --partitions 2 after a shuffle
    p.ended(7, 0, 0, true, counts(1001, 800, 0));
    p.running(8, 1, counts(0, 0, 300));
    p.ended(9, 1, 1, true, counts(0, 0, 500));
    assertEquals(new ReadStatus(1, 1, 1001, 800, 800, 1, 2, 300 + 500, 20.0), p.status(T0 + 20 * S));
  }

  @Test
  void aCachingPartitionRecomputedAfterItSucceededCountsItsShuffleRecordsOnce() {
    ReadProgress p = new ReadProgress(T0, 10, 15, 800);
    p.stage(0, 1, true, false);
    p.stage(1, 2, false, true);
    p.ended(7, 0, 0, true, counts(1000, 800, 0));
    p.ended(8, 1, 0, true, counts(0, 0, 600));
    p.ended(9, 1, 0, true, counts(0, 0, 600)); // the same partition again, in a resubmitted attempt
    assertEquals(new ReadStatus(1, 1, 1000, 800, 800, 1, 2, 600, 20.0), p.status(T0 + 20 * S));
  }

  @Test
  void bytesSparkDoesNotCountAreLeftOut() {
    // Parquet: the scan reported 31,764 bytes for 10,000,000 rows; the training job knows its input is Parquet
    ReadProgress parquet = new ReadProgress(T0, 10, 15, -1, ReadWatch.InputKind.PARQUET);
    parquet.stage(0, 5, true, true);
    parquet.ended(1, 0, 0, true, counts(2_000_000, 6_353, 0));
    assertEquals(new ReadStatus(1, 5, 2_000_000, -1, -1, 0, 0, 0, 10.0), parquet.status(T0 + 10 * S));
    // predict and evaluate do not know it: fewer bytes than records (a text line holds one at least) are left out
    ReadProgress unknown = new ReadProgress(T0, 10, 15, -1, ReadWatch.InputKind.EITHER);
    unknown.stage(0, 5, true, true);
    unknown.ended(1, 0, 0, true, counts(2_000_000, 6_353, 0));
    assertEquals(-1, unknown.status(T0).bytes());
    unknown.ended(2, 0, 1, true, counts(10, 2_000_000, 0)); // 2,000,010 bytes for as many records: counted
    assertEquals(6_353 + 2_000_000, unknown.status(T0).bytes());
    // nothing read yet: 0 bytes of 0 records
    ReadProgress none = new ReadProgress(T0, 10, 15, -1, ReadWatch.InputKind.EITHER);
    none.stage(0, 1, true, true);
    assertEquals(0, none.status(T0).bytes());
    // text, known so, keeps its bytes however few: a gzip file of repeated lines (800 bytes for 1,001 records)
    ReadProgress gzip = new ReadProgress(T0, 10, 15, 800, ReadWatch.InputKind.TEXT);
    gzip.stage(0, 1, true, true);
    gzip.ended(1, 0, 0, true, counts(1001, 800, 0));
    assertEquals(800, gzip.status(T0).bytes());
  }

  @Test
  void bytesReadTwiceAtSplitBoundariesCountNoMoreThanTheInput() {
    ReadProgress p = new ReadProgress(T0, 10, 15, 1000);
    p.stage(0, 3, true, true);
    p.ended(1, 0, 0, true, counts(10, 600, 0));
    assertEquals(600, p.status(T0).bytes());
    p.ended(2, 0, 1, true, counts(10, 600, 0));
    assertEquals(1000, p.status(T0).bytes());
    // without the files' size (Parquet) the bytes are as read
    ReadProgress parquet = new ReadProgress(T0, 10, 15, -1);
    parquet.stage(0, 1, true, true);
    parquet.ended(1, 0, 0, true, counts(10, 600, 0));
    parquet.ended(2, 0, 1, true, counts(10, 600, 0));
    assertEquals(1200, parquet.status(T0).bytes());
  }
}
