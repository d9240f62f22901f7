package sparkdgd.data;

import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import scala.Tuple2;

/**
 * One input split's (byte offset, line) pairs, up to where its file's compressed data cannot be decompressed any
 * further (text under a {@code .gz} name, a gzip file cut short). There the lines end, and the {@link InputError}
 * naming the file, the line reading stopped at and the fix goes to a handler that throws it, or counts it under
 * {@code --on-bad-record skip}: the lines before the damage were read and may be in blocks already, so they stay,
 * and the file is dropped from the damage on. Other read failures pass as they are: a file system that fails to give
 * the bytes makes no bad record.
 */
final class LinesUntilDamaged implements Iterator<Tuple2<LongWritable, Text>> {
  /** The fix for a damaged file in training, where {@code --on-bad-record skip} drops it. */
  static final String TRAINING_FIX = "replace or delete the file" + BadRecords.SKIP_HINT;
  /** The fix for a damaged file in predict and evaluate, which score every row or stop. */
  static final String SCORING_FIX = "replace or delete the file";

  private final String file;
  private final Iterator<Tuple2<LongWritable, Text>> lines;
  private final String fix;
  private final Consumer<InputError> damaged;
  /** Where the line after the last one read starts (its newline as one byte: {@link LineLocator}); -1 before. */
  private long nextOffset = -1;
  private boolean ended;

  private LinesUntilDamaged(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines, String fix,
      Consumer<InputError> damaged) {
    this.file = ((FileSplit) split).getPath().toString();
    this.lines = lines;
    this.fix = fix;
    this.damaged = damaged;
  }

  /** For training: the damage goes to {@code reject}, a {@link BadRecords} method; the fix names skip. */
  static LinesUntilDamaged training(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines,
      Consumer<InputError> reject) {
    return new LinesUntilDamaged(split, lines, TRAINING_FIX, reject);
  }

  /** For predict and evaluate: the damage is thrown. */
  static LinesUntilDamaged scoring(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines) {
    return new LinesUntilDamaged(split, lines, SCORING_FIX, error -> {
      throw error;
    });
  }

  @Override
  public boolean hasNext() {
    if (ended) {
      return false;
    }
    try {
      return lines.hasNext(); // Hadoop's record reader reads here, and throws its IOException undeclared
    } catch (Exception e) {
      if (!(e instanceof IOException io) || !TextFiles.fromCodec(io)) {
        throw e;
      }
      ended = true;
      boolean placed = nextOffset >= 0 && TextFiles.offsetsCountText(new Configuration(), new Path(file));
      damaged.accept(TextFiles.damaged(file, placed ? nextOffset : -1, io, fix));
      return false;
    }
  }

  @Override
  public Tuple2<LongWritable, Text> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Tuple2<LongWritable, Text> t = lines.next();
    nextOffset = t._1().get() + t._2().getLength() + 1;
    return t;
  }
}
