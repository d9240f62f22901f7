package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The header met where a row must be was told to be deleted "or the blank lines above it", blank lines or not: what is
 * above it is told from the lines the partition saw, and not claimed where they were not seen.
 */
class LinesAboveTest {
  @Test
  void blankLinesFromTheStartOfTheFileAreBlankAbove() {
    LinesAbove a = new LinesAbove();
    a.skipped("b.csv", 0, "");
    a.skipped("b.csv", 1, " \t"); // "\n", then " \t\r\n"
    assertEquals(LinesAbove.Kind.BLANK, a.above("b.csv", 5));
    assertEquals(LinesAbove.Kind.UNKNOWN, a.above("c.csv", 5), "another file's");
    LinesAbove mark = new LinesAbove();
    mark.skipped("b.csv", 0, "\uFEFF"); // a byte-order mark alone is blank: 3 bytes, then "\n"
    assertEquals(LinesAbove.Kind.BLANK, mark.above("b.csv", 4));
  }

  @Test
  void rowsOrTheHeaderAboveAreNotBlank() {
    LinesAbove a = new LinesAbove();
    a.skipped("a.csv", 0, "x,y");
    a.notBlank("a.csv", 4);
    assertEquals(LinesAbove.Kind.NOT_BLANK, a.above("a.csv", 8));
    LinesAbove afterBlanks = new LinesAbove();
    afterBlanks.skipped("b.csv", 0, "");
    afterBlanks.notBlank("b.csv", 1);
    assertEquals(LinesAbove.Kind.NOT_BLANK, afterBlanks.above("b.csv", 5), "a row below the blank lines");
  }

  /** Lines spread over partitions by a shuffle: those between were not seen, and may not be blank. */
  @Test
  void aGapAfterTheBlankLinesIsUnknown() {
    LinesAbove a = new LinesAbove();
    a.skipped("b.csv", 0, "");
    assertEquals(LinesAbove.Kind.BLANK, a.above("b.csv", 2), "\r\n, or another blank line \n between");
    assertEquals(LinesAbove.Kind.UNKNOWN, a.above("b.csv", 3), "room for a line that is not blank between");
    LinesAbove none = new LinesAbove();
    none.notBlank("b.csv", 40);
    assertEquals(LinesAbove.Kind.UNKNOWN, none.above("b.csv", 20), "only a line below it seen");
  }
}
