package sparkdgd.data;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * The pass that infers a LIBSVM feature count: the largest index of each split and where it is (one {@link Found}
 * per partition), so that an implausible count can be refused naming the line that made it, before anything of
 * that width is allocated. Blank and comment lines are skipped; a bad line, or a compressed file damaged part way
 * ({@link LinesUntilDamaged}), fails under {@code --on-bad-record fail} and is passed over (counted by the reading
 * pass) under {@code skip}: the pass keeps only how many lines it passed over and the first of them
 * ({@link Found#skipped()}, {@link Found#firstSkipped()}), which tell why no line had a feature when none did.
 */
final class LargestIndex
    implements Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>, Iterator<LargestIndex.Found>> {
  private static final long serialVersionUID = 1L;
  private final BadRecords bad;
  private final boolean zeroBased;
  private final LabelRule labels;

  /**
   * @param zeroBased whether the indices start at 0 ({@code --zero-based}), not 1
   * @param labels    the labels the reading pass allows: here it only tells a label written as a word (yes/no) as
   *                  that pass would ({@link LibsvmRowParser#hintingLabelWords})
   */
  LargestIndex(BadRecords bad, boolean zeroBased, LabelRule labels) {
    this.bad = bad;
    this.zeroBased = zeroBased;
    this.labels = labels;
  }

  /**
   * The features the largest index seen needs (its 1-based position; 0: none) and its place: the file, the byte
   * offset of its line (turned into a line number by {@link LineLocator} when reported) and the 1-based character
   * column of its token. A class, not a record: it is a task's result, and Kryo's field serializer cannot set a
   * record's final fields.
   */
  static final class Found implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Found NONE = new Found(0, null, -1, 0);

    private final int index;
    private final String file;
    private final long lineOffset;
    private final int column;
    private final long skipped;
    private final Skipped firstSkipped;

    Found(int index, String file, long lineOffset, int column) {
      this(index, file, lineOffset, column, 0, null);
    }

    private Found(int index, String file, long lineOffset, int column, long skipped, Skipped firstSkipped) {
      this.index = index;
      this.file = file;
      this.lineOffset = lineOffset;
      this.column = column;
      this.skipped = skipped;
      this.firstSkipped = firstSkipped;
    }

    int index() {
      return index;
    }

    /** How many bad lines {@code --on-bad-record skip} passed over. */
    long skipped() {
      return skipped;
    }

    /** The first of them in file and offset order, as an error to resolve; null when none. */
    InputError firstSkipped() {
      return firstSkipped == null ? null : firstSkipped.error();
    }

    /** This place with one more bad line passed over, the first one kept. */
    Found skipping(InputError bad) {
      return new Found(index, file, lineOffset, column, skipped + 1,
          firstSkipped == null ? new Skipped(bad) : firstSkipped);
    }

    /** Two partitions' results as one: the {@link #larger} place, the bad lines of both and the first of them. */
    static Found merged(Found a, Found b) {
      Found place = larger(a, b);
      Skipped first = a.firstSkipped == null ? b.firstSkipped
          : b.firstSkipped == null || a.firstSkipped.before(b.firstSkipped) ? a.firstSkipped : b.firstSkipped;
      return new Found(place.index, place.file, place.lineOffset, place.column, a.skipped + b.skipped, first);
    }

    /** The larger of the two; of equal ones, the first in file and offset order (the same whatever the merge). */
    static Found larger(Found a, Found b) {
      if (a.index != b.index) {
        return a.index > b.index ? a : b;
      }
      if (a.file == null || b.file == null) {
        return a.file == null ? b : a;
      }
      int byFile = a.file.compareTo(b.file);
      return byFile < 0 || (byFile == 0 && a.lineOffset <= b.lineOffset) ? a : b;
    }

    /** An error at this place, with {@code problem}. */
    InputError error(String problem) {
      return InputError.atOffset(file, lineOffset, column, problem);
    }
  }

  /**
   * A bad line passed over, as the parts of its {@link InputError} (an exception is not sent as a task's result):
   * the file, the byte offset of the line or -1, the line when known, the character column and the problem. A class,
   * as {@link Found} is.
   */
  private static final class Skipped implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long lineOffset;
    private final long line;
    private final int column;
    private final String problem;

    Skipped(InputError e) {
      this.file = e.file() == null ? "" : e.file();
      this.lineOffset = e.byteOffset();
      this.line = e.line();
      this.column = e.column();
      this.problem = e.problem();
    }

    boolean before(Skipped other) {
      int byFile = file.compareTo(other.file);
      return byFile < 0 || (byFile == 0 && lineOffset <= other.lineOffset);
    }

    InputError error() {
      return lineOffset >= 0 ? InputError.atOffset(file, lineOffset, column, problem)
          : InputError.atLine(file, line, column, problem);
    }
  }

  @Override
  public Iterator<Found> call(InputSplit split, Iterator<Tuple2<LongWritable, Text>> raw) {
    String file = ((FileSplit) split).getPath().toString();
    Found[] damaged = {Found.NONE};
    Iterator<Tuple2<LongWritable, Text>> lines = LinesUntilDamaged.training(split, raw, e -> {
      bad.rejectQuietly(e);
      damaged[0] = damaged[0].skipping(e);
    });
    LibsvmRowParser parser = new LibsvmRowParser(Integer.MAX_VALUE, true, zeroBased).hintingLabelWords(labels);
    Found largest = Found.NONE;
    while (lines.hasNext()) {
      Tuple2<LongWritable, Text> t = lines.next();
      String line = t._2().toString();
      if (LibsvmRowParser.holdsNoRecord(line)) {
        continue;
      }
      try {
        parser.parse(line, null);
      } catch (CsvRowParser.RowProblem p) {
        InputError e = InputError.atOffset(file, t._1().get(), p.charColumn(), p.getMessage());
        bad.rejectQuietly(e);
        largest = largest.skipping(e);
        continue;
      }
      if (parser.largestIndex() > largest.index()) {
        largest = Found.merged(new Found(parser.largestIndex(), file, t._1().get(), parser.largestIndexColumn()),
            largest);
      }
    }
    return List.of(Found.merged(largest, damaged[0])).iterator();
  }
}
