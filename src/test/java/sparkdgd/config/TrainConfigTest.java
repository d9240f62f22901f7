package sparkdgd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainConfigTest {
  private static TrainConfig config(int epochs, String level, int logEvery, double tol, List<String> features) {
    return new TrainConfig("d.csv", InputFormat.CSV, "y", features, epochs, LearningRate.AUTO, true, 0,
        level, 4096, logEvery, tol, "out", false, false, Checkpointing.NONE);
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void rejectsOutOfRangeValuesNamingTheFlag() {
    assertEquals("--epochs must be >= 1, got 0", message(() -> config(0, "MEMORY_ONLY", 10, 0, List.of())));
    assertEquals("--log-every must be >= 1, got 0", message(() -> config(5, "MEMORY_ONLY", 0, 0, List.of())));
    assertEquals("--tol must be a finite number >= 0, got -1.0",
        message(() -> config(5, "MEMORY_ONLY", 1, -1, List.of())));
    assertEquals("--storage-level must be one of Spark's storage levels (MEMORY_AND_DISK, MEMORY_ONLY, "
        + "MEMORY_ONLY_SER, DISK_ONLY, ...), got \"MEMORY\"", message(() -> config(5, "memory", 1, 0, List.of())));
    assertEquals("--features must not contain the label column \"y\"",
        message(() -> config(5, "MEMORY_ONLY", 1, 0, List.of("a", "y"))));
  }

  private static TrainConfig withBlockRows(int blockRows) {
    return new TrainConfig("d.csv", InputFormat.CSV, "y", List.of(), 5, LearningRate.AUTO, true, 0,
        "MEMORY_ONLY", blockRows, 1, 0, "out", false, false, Checkpointing.NONE);
  }

  @Test
  void blockRowsAreCappedAtTheMostValuesOneBlockMayHold() {
    // 2^30 rows: their labels alone are 8 GiB, and x 2 features overflowed the int size of a block's array
    assertEquals("--block-rows must be from 1 to 134217728 (2^27, the most values one block may hold), got "
        + "1073741824", message(() -> withBlockRows(1 << 30)));
    assertEquals("--block-rows must be from 1 to 134217728 (2^27, the most values one block may hold), got -1",
        message(() -> withBlockRows(-1)));
    assertEquals(BlockSize.AUTOMATIC, withBlockRows(0).blockRows(), "0: not given, the features choose");
    assertEquals(134217728, withBlockRows(134217728).blockRows()); // 2^27 rows of one feature fit
  }

  @Test
  void denseBlocksOfMoreThanTwoToThe27ValuesAreRefusedNamingTheLargestBlockRowsThatFits() {
    // 300,000,000 rows x 2 features = 600,000,000 values > 2^27 = 134,217,728; 2^27 / 2 = 67,108,864 rows fit
    UsageError e = assertThrows(UsageError.class, () -> BlockSize.checkDense(2, 300_000_000));
    assertEquals("--block-rows 300000000 with 2 features makes dense blocks of 600,000,000 values, more than the "
        + "134,217,728 (2^27, 1 GiB as float64) one block may hold; use --block-rows 67108864 or less, or leave it out",
        e.getMessage());
    BlockSize.checkDense(2, 67_108_864);
    assertThrows(UsageError.class, () -> BlockSize.checkDense(2, 67_108_865));
    // 20 x 107,374,183 = 2,147,483,660 overflows an int (2^31 - 1 = 2,147,483,647): refused, not negative
    assertThrows(UsageError.class, () -> BlockSize.checkDense(20, 107_374_183));
    assertTrue(assertThrows(UsageError.class, () -> BlockSize.checkDense(200_000_000, 1)).getMessage()
        .endsWith("even one row is too wide; use fewer features (or sparse vectors)"));
  }

  /**
   * Without --block-rows a dense block's float64 features, with their array's header, take whole G1 regions with
   * less than a tile of rows left over, whatever the region size (1 to 32 MiB), or are small enough not to be
   * humongous: G1 puts an
   * object of more than half a region in whole regions of its own, and 4096 rows of 32 features (1 MiB and a header)
   * took two. As many rows as that allows, a multiple of 4 (a tile), from 2048 to 4096 up to 512 features.
   */
  @Test
  void automaticDenseBlocksFillTheRegionsTheyTake() {
    for (int d = 1; d <= 20_000; d++) {
      int rows = BlockSize.denseRows(d, BlockSize.AUTOMATIC);
      long bytes = (long) rows * d * Double.BYTES + 16; // features and a 16-byte header (compressed class pointers)
      assertEquals(0, rows % 4, "a whole number of tiles at " + d);
      assertTrue(rows >= 4 && rows <= 4096, rows + " rows at " + d);
      assertTrue(d > 512 || rows >= 2048, rows + " rows at " + d);
      assertTrue(d < 16 || rows < 4096 || d > 512, "4096 rows of " + d);
      for (long region = 1 << 20; region <= 32 << 20; region *= 2) {
        // what is left of the last region is less than a tile of rows (4 x d values) and the header's room
        assertTrue(heapTaken(bytes, region) < bytes + 4L * d * Double.BYTES + 64, rows + " rows of " + d + " features, "
            + bytes
            + " bytes, take " + heapTaken(bytes, region) + " of the heap in regions of " + region);
      }
    }
    assertEquals(2.0, heapTaken(4096L * 32 * 8 + 16, 1 << 20) / (4096.0 * 32 * 8 + 16), 1e-4, "the old default");
    assertEquals(4096, BlockSize.denseRows(15, BlockSize.AUTOMATIC));
    assertEquals(4092, BlockSize.denseRows(16, BlockSize.AUTOMATIC));
    assertEquals(4092, BlockSize.denseRows(32, BlockSize.AUTOMATIC));
    assertEquals(2620, BlockSize.denseRows(100, BlockSize.AUTOMATIC));
    assertEquals(2096, BlockSize.denseRows(1000, BlockSize.AUTOMATIC));
    assertEquals(4, BlockSize.denseRows(1_000_000, BlockSize.AUTOMATIC), "one tile at the least");
    // given, as given (and checked); sparse blocks hold their non-zeros, whose count is not known ahead
    assertEquals(4096, BlockSize.denseRows(32, 4096));
    assertEquals(4096, BlockSize.sparseRows(BlockSize.AUTOMATIC));
    assertEquals(100, BlockSize.rows(1000, 100, true));
    assertEquals(2096, BlockSize.rows(1000, BlockSize.AUTOMATIC, false));
  }

  /** The heap G1 gives an object of {@code bytes} in regions of {@code region}: whole regions past half of one. */
  private static long heapTaken(long bytes, long region) {
    return bytes <= region / 2 ? bytes : (bytes + region - 1) / region * region;
  }

  @Test
  void storageLevelIsCaseInsensitive() {
    assertEquals("DISK_ONLY", config(1, "disk_only", 1, 0, List.of()).storageLevel());
  }

  @Test
  void learningRateParsesNumbersAndAuto() {
    assertEquals(LearningRate.AUTO, LearningRate.parse("AUTO"));
    assertEquals(0.01, LearningRate.parse("0.01").value(), 0.0);
    assertEquals("--learning-rate must be a positive number or auto, got -1.0",
        message(() -> LearningRate.parse("-1")));
    assertEquals("--learning-rate must be a positive number or auto, got \"fast\"",
        message(() -> LearningRate.parse("fast")));
  }

  @Test
  void formatParsesAndInfers() {
    assertEquals(InputFormat.PARQUET, InputFormat.parse("Parquet"));
    assertEquals(InputFormat.CSV, InputFormat.fromFileName("hdfs://nn/x/part-0.CSV"));
    assertEquals(null, InputFormat.fromFileName("data.txt"));
    assertEquals(InputFormat.LIBSVM, InputFormat.parse("libsvm"));
    assertEquals(InputFormat.LIBSVM, InputFormat.fromFileName("a9a.svm"));
    assertEquals(InputFormat.LIBSVM, InputFormat.fromFileName("part-00000.libsvm"));
    assertEquals("--format must be one of csv, parquet, libsvm, got \"xml\"", message(() -> InputFormat.parse("xml")));
  }

  @Test
  void readOptionsAreCheckedAndDefaultToFailAndInferredFeatures() {
    assertEquals(new ReadOptions(0, BadRecordPolicy.FAIL, true, ','), ReadOptions.DEFAULTS);
    // what the record's toString() gave before --zero-based (printed by that build): old checkpoints still resume
    assertEquals("ReadOptions[numFeatures=0, onBadRecord=fail, header=true, delimiter=,, precision=float64]",
        ReadOptions.DEFAULTS.fingerprintText());
    assertEquals("ReadOptions[numFeatures=7, onBadRecord=skip, header=false, delimiter=\t, precision=float32]",
        new ReadOptions(7, BadRecordPolicy.SKIP, false, '\t', Precision.FLOAT32, true).fingerprintText());
    assertEquals(ReadOptions.DEFAULTS, config(5, "MEMORY_ONLY", 1, 0, List.of()).read());
    assertEquals("--num-features must be >= 1 (or 0 to infer it), got -1",
        message(() -> new ReadOptions(-1, BadRecordPolicy.FAIL, true, ',')));
    assertEquals('\t', ReadOptions.parseDelimiter("\\t"));
    assertEquals(';', ReadOptions.parseDelimiter(";"));
    assertEquals("--delimiter must be one character (or \\t or tab), got \"ab\"", message(() -> ReadOptions.parseDelimiter("ab")));
    assertEquals("--delimiter must not be a quote, a line break or a character of numbers, got '.'",
        message(() -> new ReadOptions(0, BadRecordPolicy.FAIL, true, '.')));
    assertEquals(BadRecordPolicy.SKIP, BadRecordPolicy.parse(" Skip"));
    assertEquals("--on-bad-record must be fail or skip, got \"ignore\"", message(() -> BadRecordPolicy.parse("ignore")));
  }
}
