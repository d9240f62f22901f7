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
  /** The line {@link #row} is making a row of, as read. */
  private Text current;

  LineRows(Iterator<Tuple2<LongWritable, Text>> lines) {
    this.lines = lines;
  }

  /** The row of the line that starts at {@code offset}, or null to skip it. */
  abstract Row row(long offset, String line);

  /**
   * Whether {@code line}, the one {@link #row} is making a row of, was read from bytes that are not UTF-8: it holds
   * U+FFFD, and its bytes are not valid UTF-8 (a U+FFFD written as UTF-8 is text like any other).
   */
  final boolean notUtf8(String line) {
    if (!HiddenCharacter.notUtf8(line)) {
      return false;
    }
    try { // Hadoop's Text.validateUTF8 passes a sequence cut off at the end: "café" in Windows-1252, last in a line
      java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .decode(java.nio.ByteBuffer.wrap(current.getBytes(), 0, current.getLength()));
      return false;
    } catch (java.nio.charset.CharacterCodingException e) {
      return true;
    }
  }

  @Override
  public final boolean hasNext() {
    while (next == null && lines.hasNext()) {
      Tuple2<LongWritable, Text> t = lines.next();
      current = t._2();
      next = row(t._1().get(), current.toString());
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
