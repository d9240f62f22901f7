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
   * Without --block-rows a dense block's float64 features, with room for the array's header, stay within half of
   * G1's smallest region (1 MiB), so no block is a humongous object (which takes whole regions: 4096 rows of 32
   * features, 1 MiB and a header, took two), with as many rows as that allows, a multiple of 4 (a tile), at most 4096.
   */
  @Test
  void automaticDenseBlocksAreTheLargestThatAreNotHumongousObjects() {
    long halfTheSmallestRegion = 512 * 1024;
    for (int d = 1; d <= 20_000; d++) {
      int rows = BlockSize.denseRows(d, BlockSize.AUTOMATIC);
      long bytes = (long) rows * d * Double.BYTES + 64; // features, and a header of up to 64 bytes
      assertEquals(0, rows % 4, "a whole number of tiles at " + d);
      assertTrue(rows >= 4 && rows <= 4096, rows + " rows at " + d);
      // G1 makes an object humongous when it is larger than half a region
      assertTrue(bytes <= halfTheSmallestRegion || rows == 4, rows + " rows of " + d + ": " + bytes + " bytes");
      assertTrue(rows == 4096 || (rows + 4L) * d * Double.BYTES + 64 > halfTheSmallestRegion,
          "4 more rows would still fit at " + d);
    }
    assertEquals(4096, BlockSize.denseRows(15, BlockSize.AUTOMATIC));
    assertEquals(4092, BlockSize.denseRows(16, BlockSize.AUTOMATIC));
    assertEquals(2044, BlockSize.denseRows(32, BlockSize.AUTOMATIC));
    assertEquals(652, BlockSize.denseRows(100, BlockSize.AUTOMATIC));
    assertEquals(4, BlockSize.denseRows(100_000, BlockSize.AUTOMATIC), "one tile at the least");
    // given, as given (and checked); sparse blocks hold their non-zeros, whose count is not known ahead
    assertEquals(4096, BlockSize.denseRows(32, 4096));
    assertEquals(4096, BlockSize.sparseRows(BlockSize.AUTOMATIC));
    assertEquals(100, BlockSize.rows(1000, 100, true));
    assertEquals(64, BlockSize.rows(1000, BlockSize.AUTOMATIC, false));
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
