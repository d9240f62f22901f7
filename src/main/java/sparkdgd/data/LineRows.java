package sparkdgd.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The rows of one input split's (byte offset, line) pairs, made lazily, one line at a time: {@link #row} makes
 * each line's row, or skips the line by returning null.
 */
abstract class LineRows implements Iterator<Row> {
  private final Iterator<Tuple2<LongWritable, Text>> lines;
  private Row next;

  LineRows(Iterator<Tuple2<LongWritable, Text>> lines) {
    this.lines = lines;
  }

  /** The row of the line that starts at {@code offset}, or null to skip it. */
  abstract Row row(long offset, String line);

  @Override
  public final boolean hasNext() {
    while (next == null && lines.hasNext()) {
      Tuple2<LongWritable, Text> t = lines.next();
      next = row(t._1().get(), t._2().toString());
    }
    return next != null;
  }

  @Override
  public final Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row r = next;
    next = null;
    return r;
  }
}
