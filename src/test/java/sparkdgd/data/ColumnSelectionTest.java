package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnSelectionTest {
  private static boolean[] all(int n) {
    boolean[] b = new boolean[n];
    java.util.Arrays.fill(b, true);
    return b;
  }

  @Test
  void labelDefaultsToYThenLabelThenTheLastColumn() {
    assertEquals("y", ColumnSelection.resolve("f", List.of("y", "a", "label"), all(3), null, List.of()).labelName());
    assertEquals("label", ColumnSelection.resolve("f", List.of("label", "a", "b"), all(3), null, List.of()).labelName());
    ColumnSelection last = ColumnSelection.resolve("f", List.of("a", "b", "c"), all(3), null, List.of());
    assertEquals("c", last.labelName());
    assertEquals(List.of("a", "b"), last.featureNames());
  }

  @Test
  void featuresDefaultToOtherNumericColumnsInFileOrder() {
    boolean[] usable = {true, false, true, true};
    ColumnSelection s = ColumnSelection.resolve("f", List.of("a", "name", "b", "y"), usable, null, List.of());
    assertArrayEquals(new int[] {0, 2}, s.featureIndex());
  }

  /** A header read from Latin-1 bytes holds U+FFFD where they were: a name not found says to save the file as UTF-8. */
  @Test
  void aHeaderThatIsNotUtf8IsToldWhenANameIsNotFound() {
    List<String> columns = List.of("a", "b", "y\uFFFD");
    InputError e = org.junit.jupiter.api.Assertions.assertThrows(InputError.class,
        () -> ColumnSelection.resolve("f", columns, all(3), "y\u00e9", List.of()));
    assertEquals("f: label column \"y\u00e9\" is not among the columns [a, b, y\uFFFD]; pass --label-col with one of "
        + "them; the header holds bytes that are not UTF-8 (shown as \uFFFD): save the file as UTF-8 to name those "
        + "columns", e.getMessage());
    InputError f = org.junit.jupiter.api.Assertions.assertThrows(InputError.class,
        () -> ColumnSelection.resolve("f", List.of("a", "b", "y"), all(3), null, List.of("c")));
    assertEquals("f: feature column \"c\" (from --features) is not among the columns [a, b, y]", f.getMessage());
  }

  @Test
  void unknownLabelNamesTheColumnsAndTheFlag() {
    InputError e = assertThrows(InputError.class,
        () -> ColumnSelection.resolve("data/f.csv", List.of("a", "b"), all(2), "target", List.of()));
    assertEquals("data/f.csv: label column \"target\" is not among the columns [a, b]; "
        + "pass --label-col with one of them", e.getMessage());
  }

  @Test
  void badFeatureChoicesAreRejected() {
    assertThrows(InputError.class,
        () -> ColumnSelection.resolve("f", List.of("a", "y"), all(2), null, List.of("zz")));
    assertThrows(InputError.class,
        () -> ColumnSelection.resolve("f", List.of("a", "y"), all(2), null, List.of("y")));
    assertThrows(InputError.class,
        () -> ColumnSelection.resolve("f", List.of("a", "y"), new boolean[] {false, true}, null, List.of()));
  }
}
