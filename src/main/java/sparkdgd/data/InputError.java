package sparkdgd.data;

/**
 * Bad input data: names the place (file, line, column when known), what was wrong and the fix.
 * Thrown inside tasks as well as on the driver; a task only knows the byte offset of a text line,
 * so the driver turns it into a line number ({@link LineLocator}) before showing it.
 */
public final class InputError extends RuntimeException {
  private static final long serialVersionUID = 1L;

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

  /** A problem at a known line (1-based) and character column (1-based, 0 if unknown). */
  public static InputError atLine(String file, long line, int column, String problem) {
    return new InputError(file, -1, line, column, problem);
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
