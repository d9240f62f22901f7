package sparkdgd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
