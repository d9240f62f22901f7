package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sparkdgd.block.SparseBlock;
import sparkdgd.block.SparseBlockBuilder;

class LibsvmRowParserTest {
  private static CsvRowParser.RowProblem problem(String line, int numFeatures) {
    return assertThrows(CsvRowParser.RowProblem.class,
        () -> new LibsvmRowParser(numFeatures, false).parse(line, new SparseBlockBuilder(10, 4)));
  }

  @Test
  void parsesLabelAndNonZerosIntoCsrDroppingExplicitZeros() throws Exception {
    LibsvmRowParser p = new LibsvmRowParser(5, false);
    SparseBlockBuilder b = new SparseBlockBuilder(5, 10);
    b.commitRow(p.parse("1.5 1:2 3:-0.5 5:1e-3", b));
    assertEquals(5, p.largestIndex());
    b.commitRow(p.parse("  -2\t2:0  4:7 # a comment", b));
    b.commitRow(p.parse("0", b));
    SparseBlock s = b.build();
    assertEquals(3, s.rows());
    assertArrayEquals(new int[] {0, 3, 4, 4}, s.rowStarts());
    assertArrayEquals(new int[] {0, 2, 4, 3}, s.indices()); // 0-based; the explicit 2:0 is not stored
    assertArrayEquals(new double[] {2, -0.5, 1e-3, 7}, s.values(), 0.0);
    assertArrayEquals(new double[] {1.5, -2, 0}, s.labels(), 0.0);
  }

  @Test
  void aBadLineLeavesNothingInTheBuilder() throws Exception {
    LibsvmRowParser p = new LibsvmRowParser(5, false);
    SparseBlockBuilder b = new SparseBlockBuilder(5, 10);
    assertThrows(CsvRowParser.RowProblem.class, () -> p.parse("1 1:2 2:3 2:4", b));
    b.commitRow(p.parse("9 4:1", b));
    SparseBlock s = b.build();
    assertArrayEquals(new int[] {3}, s.indices());
    assertEquals(1, s.storedValues());
  }

  @Test
  void unsortedAndDuplicateIndicesNameTheColumnOfTheToken() {
    CsvRowParser.RowProblem unsorted = problem("1 1:2 5:1 3:4", 10);
    assertEquals(11, unsorted.charColumn()); // "1 1:2 5:1 " is 10 characters
    assertEquals("index 3 follows index 5; LIBSVM indices must be ascending (sort each line's features by index)",
        unsorted.getMessage());
    CsvRowParser.RowProblem twice = problem("1 2:2 2:1", 10);
    assertEquals(7, twice.charColumn());
    assertTrue(twice.getMessage().startsWith("index 2 appears twice"), twice.getMessage());
  }

  @Test
  void outOfRangeIndices() {
    CsvRowParser.RowProblem zero = problem("1 0:2", 10);
    assertEquals(3, zero.charColumn());
    assertEquals("index 0 is out of range; LIBSVM indices start at 1", zero.getMessage());
    CsvRowParser.RowProblem big = problem("1 2:1 11:2", 10);
    assertEquals(7, big.charColumn());
    assertEquals("index 11 is larger than --num-features 10; raise --num-features or fix the line", big.getMessage());
  }

  @Test
  void badTokensAndNumbers() {
    assertEquals("expected index:value, found \"abc\" (LIBSVM lines are: label index:value index:value ...)",
        problem("1 abc", 10).getMessage());
    assertEquals("expected a feature index (a whole number from 1), found \"x\"", problem("1 x:2", 10).getMessage());
    CsvRowParser.RowProblem value = problem("1 3:two", 10);
    assertEquals(5, value.charColumn());
    assertEquals("feature 3: expected a number, found \"two\" (fix or delete the line)", value.getMessage());
    CsvRowParser.RowProblem label = problem("yes 3:2", 10);
    assertEquals(1, label.charColumn());
    assertTrue(label.getMessage().startsWith("label: expected a number, found \"yes\""), label.getMessage());
    assertTrue(problem("1 3:NaN", 10).getMessage().contains("NaN is not a finite number"));
  }
}
