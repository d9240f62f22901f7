package sparkdgd.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.UsageError;

class OutputDirectoryTest {
  private static Map<String, byte[]> files(String text) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("model.json", text.getBytes(StandardCharsets.UTF_8));
    m.put("history.csv", "epoch\n".getBytes(StandardCharsets.UTF_8));
    return m;
  }

  private static long entries(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void writesAllFilesAndLeavesNoStagingBehind(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    OutputDirectory.prepare(new Configuration(), out.toString(), false).commit(files("{}"));
    assertEquals("{}", Files.readString(out.resolve("model.json")));
    assertTrue(Files.exists(out.resolve("history.csv")));
    assertEquals(2, entries(out)); // no .crc files
    assertEquals(1, entries(tmp)); // no staging directory
  }

  @Test
  void refusesANonEmptyDirectoryUnlessOverwrite(@TempDir Path tmp) throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("old.txt"), "keep");
    UsageError e = assertThrows(UsageError.class,
        () -> OutputDirectory.prepare(new Configuration(), out.toString(), false));
    assertEquals("--output " + out + " exists and is not empty; pass --overwrite to replace it, "
        + "or choose another --output", e.getMessage());
    assertEquals("keep", Files.readString(out.resolve("old.txt")));

    // an earlier output, with the files every command writes, is replaced whole
    Files.delete(out.resolve("old.txt"));
    for (String name : new String[] {"model.json", "history.csv", "part-00000-4f2c-c000.csv", "._SUCCESS.crc",
        "_SUCCESS", "part-00001.csv", "_truth.json", ".part-00001.csv.crc", "metrics.json", "loss.png", "_metadata",
        "_committed_123"}) {
      Files.writeString(out.resolve(name), "old");
    }
    Files.createDirectories(out.resolve("spark-model").resolve("metadata"));
    OutputDirectory.prepare(new Configuration(), out.toString(), true).commit(files("{\"v\":2}"));
    assertEquals(java.util.Set.of("model.json", "history.csv"), names(out));
    assertEquals("{\"v\":2}", Files.readString(out.resolve("model.json")));
  }

  private static java.util.Set<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
    }
  }

  /**
   * --overwrite replaced whatever the directory held: `--output . --overwrite` deleted the working directory's files
   * and left the shell in a deleted directory. Now it replaces only an earlier output.
   */
  @Test
  void overwriteRefusesADirectoryHoldingWhatNoCommandWrites(@TempDir Path tmp) throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("model.json"), "{}");
    Files.writeString(out.resolve("keep.txt"), "keep");
    UsageError e = assertThrows(UsageError.class,
        () -> OutputDirectory.prepare(new Configuration(), out.toString(), true));
    assertEquals("--output " + out + " holds keep.txt, which is not part of an earlier output of train, predict or "
        + "generate (an evaluate file put there, say): --overwrite replaces only such an output, whole; move keep.txt "
        + "out, or choose another --output", e.getMessage());
    Files.delete(out.resolve("keep.txt"));
    Files.createDirectories(out.resolve("src"));
    e = assertThrows(UsageError.class, () -> OutputDirectory.prepare(new Configuration(), out.toString(), true));
    assertTrue(e.getMessage().startsWith("--output " + out + " holds src/, which is not part of an earlier output"),
        e.getMessage());
    assertEquals(java.util.Set.of("model.json", "src"), names(out), "nothing touched");
  }

  /** The working directory (this JVM's: the project's) and the directories above it are never replaced. */
  @Test
  void theWorkingDirectoryIsNeverReplaced() {
    for (String uri : new String[] {".", "..", new java.io.File("").getAbsolutePath()}) {
      UsageError e = assertThrows(UsageError.class, () -> OutputDirectory.prepare(new Configuration(), uri, true));
      assertEquals("--output " + uri + (uri.equals("..") ? " holds" : " is") + " the working directory, which "
          + "writing the output in its place would delete; choose another --output", e.getMessage());
    }
  }

  @Test
  void anEmptyExistingDirectoryIsUsed(@TempDir Path tmp) throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    OutputDirectory.prepare(new Configuration(), out.toString(), false).commit(files("{}"));
    assertTrue(Files.exists(out.resolve("model.json")));
  }

  @Test
  void aFileIsNotAnOutputDirectory(@TempDir Path tmp) throws Exception {
    Path f = Files.writeString(tmp.resolve("f"), "x");
    assertThrows(UsageError.class, () -> OutputDirectory.prepare(new Configuration(), f.toString(), true));
  }

  @Test
  void stagedWritersWriteIntoTheSameAtomicCommit(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    OutputDirectory.prepare(new Configuration(), out.toString(), false).commit(files("{}"), java.util.List.of(
        (fs, staging) -> Files.writeString(Path.of(staging.toUri()).resolve("extra.txt"), "x")));
    assertEquals("x", Files.readString(out.resolve("extra.txt")));
    assertEquals(3, entries(out));
    assertEquals(1, entries(tmp));
  }

  @Test
  void aFailingWriterLeavesNeitherOutputNorStaging(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    OutputDirectory dir = OutputDirectory.prepare(new Configuration(), out.toString(), false);
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> dir.commit(files("{}"),
        java.util.List.of((fs, staging) -> {
          throw new java.io.IOException("disk full");
        })));
    assertEquals("disk full", e.getMessage());
    assertFalse(Files.exists(out));
    assertEquals(0, entries(tmp));
  }

  /**
   * Another run filled the output while this one trained (both checked it empty before): this run's outputs are kept
   * beside it under a visible name, and the error says where (they had been deleted: "filled by someone else while
   * training; nothing written", exit 1, after a whole training).
   */
  @Test
  void outputsOfARunThatLostTheRaceAreKeptBesideTheTarget(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("race");
    OutputDirectory dir = OutputDirectory.prepare(new Configuration(), out.toString(), false);
    Files.createDirectories(out);
    Files.writeString(out.resolve("model.json"), "{\"other\":1}"); // the other run's
    java.util.TimeZone zone = java.util.TimeZone.getDefault();
    UsageError e;
    java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    try {
      java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Tokyo")); // the name's time is UTC anyway
      e = assertThrows(UsageError.class, () -> dir.commit(files("{\"ours\":1}")));
    } finally {
      java.util.TimeZone.setDefault(zone);
    }
    java.time.Instant after = java.time.Instant.now();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("was filled by another run meanwhile, so this run's "
        + "outputs are in file:(\\S+) instead; move them where they belong, and give each run its own --output \\(or "
        + "--overwrite\\)").matcher(e.getMessage());
    assertTrue(m.find(), e.getMessage());
    Path kept = Path.of(m.group(1));
    java.util.regex.Matcher name = java.util.regex.Pattern.compile("race-(\\d{8}-\\d{6})Z-[0-9a-f]{8}")
        .matcher(kept.getFileName().toString());
    assertTrue(name.matches(), kept.toString());
    java.time.Instant stamp = java.time.LocalDateTime.parse(name.group(1),
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")).toInstant(java.time.ZoneOffset.UTC);
    assertTrue(!stamp.isBefore(before) && !stamp.isAfter(after), stamp + " between " + before + " and " + after);
    assertEquals("{\"ours\":1}", Files.readString(kept.resolve("model.json")));
    assertTrue(Files.exists(kept.resolve("history.csv")));
    assertEquals("{\"other\":1}", Files.readString(out.resolve("model.json")), "the other run's output stays");
    assertEquals(2, entries(tmp), "the target and the kept outputs: no staging directory left");
  }

  /**
   * --overwrite replaces only the writing command's own kind of output: train a model, predict part files, generate
   * part files or generated data. A review's train --overwrite had replaced 400 MB of generate's output with a model.
   */
  @Test
  void overwriteReplacesOnlyTheWritingCommandsOwnKindOfOutput(@TempDir Path tmp) throws Exception {
    Path generated = Files.createDirectories(tmp.resolve("generated"));
    Files.writeString(generated.resolve("part-00000.csv"), "x1,y\n1,2\n");
    Files.writeString(generated.resolve("_truth.json"), "{}");
    Path model = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(model.resolve("model.json"), "{}");
    Path predictions = Files.createDirectories(tmp.resolve("predictions"));
    Files.writeString(predictions.resolve("part-00000-abc.csv"), "x1,prediction\n1,2\n");
    Configuration conf = new Configuration();

    UsageError e = assertThrows(UsageError.class, () -> OutputDirectory.prepare(conf, generated.toString(), true,
        OutputDirectory.Writer.TRAIN));
    assertEquals("--output " + generated + " holds generated data (part-00000.csv, ..., _truth.json, written by "
        + "generate): train --overwrite replaces only an earlier output of its own kind (a model), never data or a "
        + "model of another command's; choose another --output (or delete it first, if it is to go)", e.getMessage());
    e = assertThrows(UsageError.class, () -> OutputDirectory.prepare(conf, predictions.toString(), true,
        OutputDirectory.Writer.TRAIN));
    assertTrue(e.getMessage().contains("holds data files (part-00000-abc.csv, ..., written by predict or generate)"),
        e.getMessage());
    e = assertThrows(UsageError.class, () -> OutputDirectory.prepare(conf, model.toString(), true,
        OutputDirectory.Writer.PREDICT));
    assertTrue(e.getMessage().contains("holds a model (model.json, written by train): predict --overwrite"),
        e.getMessage());
    assertThrows(UsageError.class, () -> OutputDirectory.prepare(conf, generated.toString(), true,
        OutputDirectory.Writer.PREDICT));
    assertThrows(UsageError.class, () -> OutputDirectory.prepare(conf, model.toString(), true,
        OutputDirectory.Writer.GENERATE));

    // predict's output of no rows on an unshared path is _SUCCESS and _predict.json alone: still predictions
    Path noRows = Files.createDirectories(tmp.resolve("no-rows"));
    Files.writeString(noRows.resolve("_SUCCESS"), "");
    Files.writeString(noRows.resolve("_predict.json"), "{}");
    e = assertThrows(UsageError.class, () -> OutputDirectory.prepare(conf, noRows.toString(), true,
        OutputDirectory.Writer.TRAIN));
    assertTrue(e.getMessage().contains("holds data files (_predict.json, ..., written by predict or generate)"),
        e.getMessage());
    OutputDirectory.prepare(conf, noRows.toString(), true, OutputDirectory.Writer.PREDICT);

    // each command's own kind is replaced, as before
    OutputDirectory.prepare(conf, model.toString(), true, OutputDirectory.Writer.TRAIN);
    OutputDirectory.prepare(conf, predictions.toString(), true, OutputDirectory.Writer.PREDICT);
    OutputDirectory.prepare(conf, generated.toString(), true, OutputDirectory.Writer.GENERATE);
    OutputDirectory.prepare(conf, predictions.toString(), true, OutputDirectory.Writer.GENERATE);
  }
}
