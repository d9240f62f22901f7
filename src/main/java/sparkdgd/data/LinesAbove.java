package sparkdgd.data;

import java.nio.charset.StandardCharsets;

/**
 * What one partition's lines so far tell of the lines above a line of a file: only blank ones, some that are not, or
 * nothing. It tells the header met where a row must be below blank lines that start a later file (the blank first
 * line was taken for its header line: delete the blank lines) from the header repeated below rows (files joined with
 * their headers: delete the line), where the message offered both fixes, claiming blank lines above either way.
 *
 * <p>A partition's lines of one split come in order, but lines spread over partitions by a shuffle
 * ({@link TextSplits#located}) come without some of those above them; so a blank line continues the run of blank
 * lines from the file's start only when it starts where the run's last line ended, give or take its line end. Costs
 * two assignments a row; only blank lines, rare, are measured.
 */
final class LinesAbove {
  /** What is above a line. */
  enum Kind {
    /** Blank lines only, from the file's start. */
    BLANK,
    /** A line that is not blank: a row, or the file's header. */
    NOT_BLANK,
    /** Not known: the lines above it were not seen here. */
    UNKNOWN
  }

  /** The file of the run of blank lines from its start, and the byte offset where the run's last line's text ends. */
  private String blankFile;
  private long blankEnd = -1;
  /** The file and byte offset of the last line seen that is not blank. */
  private String seenFile;
  private long seenOffset;

  /**
   * Records {@code text}, a line at {@code offset} of {@code file} skipped as blank (a byte-order mark alone on the
   * first line is blank too) or as the file's header line ({@link CsvHeader#skips}).
   */
  void skipped(String file, long offset, String text) {
    if (CsvHeader.withoutBom(text).isBlank()) {
      blank(file, offset, text);
    } else {
      notBlank(file, offset);
    }
  }

  private void blank(String file, long offset, String text) {
    if (offset == 0 || continuesBlankRun(file, offset)) {
      blankFile = file;
      blankEnd = offset + text.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  /** Records a line that is not blank at {@code offset} of {@code file}. */
  void notBlank(String file, long offset) {
    seenFile = file;
    seenOffset = offset;
  }

  /** What is above the line at {@code offset} of {@code file}, as far as the lines recorded tell. */
  Kind above(String file, long offset) {
    if (continuesBlankRun(file, offset)) {
      return Kind.BLANK;
    }
    return seenFile != null && seenOffset < offset && file.equals(seenFile) ? Kind.NOT_BLANK : Kind.UNKNOWN;
  }

  /**
   * Whether the line at {@code offset} follows the run of blank lines with none but blank lines between: a line end is
   * 1 or 2 bytes ({@code \n}, {@code \r}, {@code \r\n}), and a line between that is not blank takes at least 2 more.
   */
  private boolean continuesBlankRun(String file, long offset) {
    return blankEnd >= 0 && offset > blankEnd && offset - blankEnd <= 2 && file.equals(blankFile);
  }
}
