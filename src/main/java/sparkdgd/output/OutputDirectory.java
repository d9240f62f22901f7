package sparkdgd.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkdgd.config.UsageError;

/**
 * The {@code --output} directory, on any file system Hadoop knows. It is checked before training
 * starts and written only at the end, all at once: the files go into a hidden staging directory
 * beside it, which is then renamed into place ({@link Replacement}: an old directory is moved aside first and
 * deleted last). A crash leaves the old directory or the new one, never a half-written one; on an object store
 * (s3a://), where a directory is moved in file by file, a half-moved one is marked and refused by readers
 * ({@link ObjectStoreMove}).
 */
public final class OutputDirectory {
  /**
   * The command writing the output, which {@code --overwrite} lets replace only its own kind of earlier output: a
   * model (model.json) by train, data part files by predict and generate, generated data (generate's
   * {@code _truth.json}) by generate alone. A review's {@code train --output gen-data --overwrite} had replaced 400 MB
   * that {@code generate} wrote, which checkpoints had been taken on, with a model, and said only "Wrote".
   */
  public enum Writer {
    TRAIN("train", "a model"), PREDICT("predict", "predictions"), GENERATE("generate", "generated data");

    private final String command;
    private final String output;

    Writer(String command, String output) {
      this.command = command;
      this.output = output;
    }

    /** Whether this command may replace a directory holding a model, generated data, or other part files. */
    boolean replaces(boolean model, boolean generated, boolean parts) {
      return switch (this) {
        case TRAIN -> model || (!generated && !parts);
        case PREDICT -> !model && !generated;
        case GENERATE -> !model;
      };
    }
  }

  private final FileSystem fs;
  private final Path target;
  private final boolean overwrite;
  private boolean replaced;

  private OutputDirectory(FileSystem fs, Path target, boolean overwrite) {
    this.fs = fs;
    this.target = target;
    this.overwrite = overwrite;
  }

  /**
   * Checks that {@code uri} can be written: the directory it goes in can be created and written
   * ({@link WritableDirectory}), and it is not a file, nor a non-empty directory unless {@code overwrite}. Throws
   * {@link UsageError} saying how to fix it if not.
   */
  public static OutputDirectory prepare(Configuration conf, String uri, boolean overwrite) {
    return prepare(conf, uri, overwrite, Writer.TRAIN);
  }

  /** As {@link #prepare(Configuration, String, boolean)}, for the output {@code writer} writes. */
  public static OutputDirectory prepare(Configuration conf, String uri, boolean overwrite, Writer writer) {
    try {
      Path path = WritableDirectory.path("--output", uri);
      FileSystem fs = WritableDirectory.fileSystem(conf, path);
      Path qualified = fs.makeQualified(path);
      if (path.getParent() != null) {
        WritableDirectory.require(fs, path.getParent(), "--output", uri);
      }
      if (fs.exists(qualified)) {
        FileStatus status = fs.getFileStatus(qualified);
        if (!status.isDirectory()) {
          throw new UsageError("--output " + uri + " is a file, not a directory; choose another --output");
        }
        FileStatus[] entries = fs.listStatus(qualified);
        if (entries.length > 0 && !overwrite) {
          throw new UsageError("--output " + uri
              + " exists and is not empty; pass --overwrite to replace it, or choose another --output");
        }
        refuseReplacingOthers(uri, qualified, entries);
        refuseReplacingAnotherKind(uri, entries, writer);
      }
      return new OutputDirectory(fs, qualified, overwrite);
    } catch (IOException e) {
      throw WritableDirectory.cannotBeChecked("--output " + uri, e, e.getMessage());
    }
  }

  /**
   * Whether an entry named {@code name} can be part of an earlier output of train, predict or generate: the trainer's
   * files ({@link DataOverlap#MODEL_FILES}), Spark's part files, files whose names start with {@code _} (Spark's and
   * Hadoop's markers and summaries: {@code _SUCCESS}, {@code _metadata}, {@code _committed_*}; generate's {@code
   * _truth.json}), and Hadoop's hidden {@code .crc} file beside any of them. {@code --overwrite} replaces only a
   * directory holding nothing else: anything else is someone's, such as the files of a working directory given as
   * {@code --output .}.
   */
  static boolean partOfAnOutput(FileStatus entry) {
    String name = entry.getPath().getName();
    String n = name.startsWith(".") && name.endsWith(".crc") ? name.substring(1, name.length() - 4) : name;
    return DataOverlap.MODEL_FILES.contains(n) || PartFiles.NAME.matcher(n).matches()
        || n.startsWith("_") && !entry.isDirectory();
  }

  /**
   * Refuses to replace a directory that holds, or is, the working directory (the shell would be left in a deleted
   * directory), or that holds an entry no earlier output has ({@link #partOfAnOutput}).
   */
  private static void refuseReplacingOthers(String uri, Path qualified, FileStatus[] entries) {
    Path cwd = new Path("file", null, new java.io.File("").getAbsolutePath());
    if (DataOverlap.isSameOrInside(cwd, qualified)) {
      throw new UsageError("--output " + uri + (cwd.equals(qualified) ? " is" : " holds") + " the working directory, "
          + "which writing the output in its place would delete; choose another --output");
    }
    for (FileStatus e : entries) {
      if (!partOfAnOutput(e)) {
        String name = e.getPath().getName() + (e.isDirectory() ? "/" : "");
        throw new UsageError("--output " + uri + " holds " + name + ", which is not part of an earlier output of "
            + "train, predict or generate (an evaluate file put there, say): --overwrite replaces only such an "
            + "output, whole; move " + name + " out, or choose another --output");
      }
    }
  }

  /** Refuses to replace an earlier output of another kind than {@code writer}'s ({@link Writer}). */
  private static void refuseReplacingAnotherKind(String uri, FileStatus[] entries, Writer writer) {
    boolean model = false;
    boolean generated = false;
    String part = null;
    for (FileStatus e : entries) {
      String name = e.getPath().getName();
      model |= name.equals(ModelJson.FILE_NAME);
      generated |= name.equals(sparkdgd.generate.DataGenerator.TRUTH_FILE);
      if (part == null && (PartFiles.NAME.matcher(name).matches() || name.equals(PredictJson.FILE_NAME))) {
        part = name; // predict's _predict.json too: of no rows, on an unshared path, it is all predict left here
      }
    }
    if (writer.replaces(model, generated, part != null)) {
      return;
    }
    String holds = model ? "a model (" + ModelJson.FILE_NAME + ", written by train)"
        : generated ? "generated data (" + part + ", ..., " + sparkdgd.generate.DataGenerator.TRUTH_FILE + ", written "
            + "by generate)" : "data files (" + part + ", ..., written by predict or generate)";
    throw new UsageError(String.format("--output %s holds %s: %s --overwrite replaces only an earlier output of its "
        + "own kind (%s), never data or a model of another command's; choose another --output (or delete it first, if "
        + "it is to go)", uri, holds, writer.command, writer.output));
  }

  public Path path() {
    return target;
  }

  /** Whether {@link #commit} put the outputs in the place of earlier ones (--overwrite), for the line that says so. */
  public boolean replaced() {
    return replaced;
  }

  /** Fills the staging directory with more than single files, e.g. a Spark-written directory. */
  @FunctionalInterface
  public interface StagedWriter {
    /** Writes into {@code staging}, a fully qualified path of {@code fs}, the output's file system. */
    void writeInto(FileSystem fs, Path staging) throws IOException;
  }

  /**
   * An empty {@code _SUCCESS}, as Spark's jobs leave in their outputs: what a scheduler's sensor (Airflow's, waiting
   * for a key on S3) looks for before it reads a directory. The last writer; on an object store it is also moved in
   * last ({@link ObjectStoreMove}).
   */
  public static final StagedWriter SUCCESS = (fs, staging) -> fs.create(new Path(staging, "_SUCCESS"), false)
      .close();

  /** Writes every file (name to bytes) into a staging directory and renames it into place. */
  public void commit(Map<String, byte[]> files) throws IOException {
    commit(files, List.of());
  }

  /**
   * Writes every file (name to bytes) into a staging directory, lets each writer add what it writes
   * there, and renames the directory into place. If any write fails, nothing appears at the target.
   */
  public void commit(Map<String, byte[]> files, List<StagedWriter> writers) throws IOException {
    Path parent = target.getParent();
    if (parent != null) {
      WritableDirectory.create(fs, parent);
    }
    try (HiddenSibling sibling = HiddenSibling.of(fs, target, HiddenSibling.STAGING)) {
      Path staging = sibling.path();
      if (!fs.mkdirs(staging)) {
        throw new IOException("cannot create " + staging);
      }
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        try (OutputStream out = fs.create(new Path(staging, f.getKey()), false)) {
          out.write(f.getValue());
        }
      }
      for (StagedWriter w : writers) {
        w.writeInto(fs, staging);
      }
      boolean filled = fs.exists(target) && fs.listStatus(target).length > 0;
      if (filled && !overwrite) {
        throw sibling.keepBeside("this run's outputs"); // another run wrote it since the check before training
      }
      sibling.replaceTarget();
      replaced = filled;
    }
  }
}
