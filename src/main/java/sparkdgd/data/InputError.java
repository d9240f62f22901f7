package sparkdgd.data;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.ChecksumException;

/**
 * Bad input data: names the place (file, line, column when known), what was wrong and the fix.
 * Thrown inside tasks as well as on the driver; a task only knows the byte offset of a text line,
 * so the driver turns it into a line number ({@link LineLocator}) before showing it.
 */
public final class InputError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** Hadoop's ChecksumFileSystem says "Checksum error: FILE at POSITION exp: N got: M". */
  private static final Pattern CHECKSUM = Pattern.compile("Checksum error: (.+) at (\\d+) exp:");

  private final String file;
  private final long byteOffset;
  private final long line;
  private final int column;
  private final String problem;

  private InputError(String file, long byteOffset, long line, int column, String problem) {
    super(render(file, line, column, problem));
    this.file = file;
    this.byteOffset = byteOffset;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /** A problem with the input as a whole, or with a file, without a position. */
  public static InputError of(String file, String problem) {
    return new InputError(file, -1, 0, 0, problem);
  }

  /** A file that could not be read; one that no longer matches its Hadoop checksum file says so and the fix. */
  public static InputError unreadable(String file, IOException e) {
    return e instanceof ChecksumException c ? checksumMismatch(c, file) : of(file, "cannot read the file: "
        + e.getMessage());
  }

  /**
   * A local file that no longer matches the {@code .NAME.crc} file Hadoop's local file system wrote beside it:
   * most often a file Spark or Hadoop wrote and someone edited since. Names the file the exception names, else
   * {@code file}.
   */
  public static InputError checksumMismatch(ChecksumException e, String file) {
    Matcher m = CHECKSUM.matcher(String.valueOf(e.getMessage()));
    if (!m.find()) {
      return of(file == null ? "input" : file, "does not match its Hadoop checksum (" + e.getMessage() + "): it "
          + "changed after its .crc file was written, or it is damaged; if it was edited on purpose, delete its "
          + ".crc file");
    }
    String named = m.group(1);
    String name = named.substring(named.lastIndexOf('/') + 1);
    return of(named, "its bytes from position " + m.group(2) + " do not match the checksums in ." + name
        + ".crc beside it (Hadoop's, written with the file): the file changed after that, or it is damaged; "
        + "if it was edited on purpose, delete ." + name + ".crc");
  }

  /** A problem at a known line (1-based) and character column (1-based, 0 if unknown). */
  public static InputError atLine(String file, long line, int column, String problem) {
    return new InputError(file, -1, line, column, problem);
  }

  /**
   * A problem in the row at {@code rowIndex} (0-based, Spark's {@code _metadata.row_index}) of a file without lines,
   * such as Parquet: shown as the row's number in the file, counting from 1.
   */
  public static InputError atRow(String file, long rowIndex, String problem) {
    return of(file, "row " + (rowIndex + 1) + " of the file: " + problem);
  }

  /** A problem in the text line that starts at {@code byteOffset}; the driver resolves the line number. */
  public static InputError atOffset(String file, long byteOffset, int column, String problem) {
    return new InputError(file, byteOffset, 0, column, problem);
  }

  /** The same error with its line number filled in. */
  public InputError withLine(long resolvedLine) {
    return new InputError(file, -1, resolvedLine, column, problem);
  }

  public String file() {
    return file;
  }

  /** Byte offset of the line still to be resolved, or -1. */
  public long byteOffset() {
    return byteOffset;
  }

  public long line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** What was wrong, without the place. */
  public String problem() {
    return problem;
  }

  private static String render(String file, long line, int column, String problem) {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file);
      if (line > 0) {
        sb.append(':').append(line);
        if (column > 0) {
          sb.append(':').append(column);
        }
      }
      sb.append(": ");
    }
    return sb.append(problem).toString();
  }
}
