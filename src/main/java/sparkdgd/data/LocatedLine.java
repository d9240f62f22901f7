package sparkdgd.data;

import java.io.Serializable;

/**
 * One text line with its place: the file and the byte offset where it starts, from which the driver finds its line
 * number ({@link LineLocator}). Carries a line out of its input split, when lines are spread over more partitions
 * than the input has splits ({@link TextSplits#located}); a plain class, not a record, so that Kryo's field
 * serializer can set its fields.
 */
public final class LocatedLine implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long offset;
  private final String text;

  public LocatedLine(String file, long offset, String text) {
    this.file = file;
    this.offset = offset;
    this.text = text;
  }

  public String file() {
    return file;
  }

  /** The byte offset of the line's start in the (decompressed) text of {@link #file}. */
  public long offset() {
    return offset;
  }

  public String text() {
    return text;
  }
}
