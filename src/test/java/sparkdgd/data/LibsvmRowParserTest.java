package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    assertEquals("index 0 is out of range; LIBSVM indices start at 1: if this file's indices start at 0, pass "
        + "--zero-based (scikit-learn's dump_svmlight_file writes zero-based indices unless zero_based=False)",
        zero.getMessage());
    assertEquals("index -1 is out of range; LIBSVM indices start at 1", problem("1 -1:2", 10).getMessage());
    CsvRowParser.RowProblem big = problem("1 2:1 11:2", 10);
    assertEquals(7, big.charColumn());
    assertEquals("index 11 is larger than --num-features 10; raise --num-features or fix the line", big.getMessage());
  }

  /** scikit-learn's dump_svmlight_file writes zero-based indices by default: 0 is the first feature. */
  @Test
  void zeroBasedIndicesAreOneLessThanTheirPosition() throws Exception {
    LibsvmRowParser p = new LibsvmRowParser(3, false, true);
    SparseBlockBuilder b = new SparseBlockBuilder(3, 4);
    b.commitRow(p.parse("1.5 0:1 2:-2", b));
    assertEquals(3, p.largestIndex(), "index 2 needs 3 features");
    b.commitRow(p.parse("2 1:4", b));
    SparseBlock s = b.build();
    assertArrayEquals(new int[] {0, 2, 1}, s.indices()); // index i is column i
    assertArrayEquals(new double[] {1, -2, 4}, s.values(), 0.0);
    SparseBlockBuilder scored = new SparseBlockBuilder(3, 1);
    assertEquals(7, LibsvmRowParser.forModel(3, true).parse("7 0:5 2:6", scored), 0.0);
    scored.commitRow(7);
    SparseBlock row = scored.build();
    assertArrayEquals(new int[] {0, 2}, row.indices());
    assertArrayEquals(new double[] {5, 6}, row.values(), 0.0);

    // --unknown-features ignore: values beyond the model's features are left out and counted; the line must still be
    // well formed, in ascending order, its values numbers (a zero-based Integer.MAX_VALUE is position 2^31)
    LibsvmRowParser ignoring = LibsvmRowParser.forModel(3, true, true);
    SparseBlockBuilder grown = new SparseBlockBuilder(3, 1);
    grown.commitRow(ignoring.parse("4 0:5 4:1 2147483647:2", grown));
    assertEquals(2, ignoring.leftOut());
    assertEquals(1, ignoring.largestIndex(), "the largest kept");
    SparseBlock kept = grown.build();
    assertArrayEquals(new int[] {0}, kept.indices());
    assertArrayEquals(new double[] {5}, kept.values(), 0.0);
    ignoring.parse("1 1:2", null);
    assertEquals(0, ignoring.leftOut(), "counted for the line parsed last");
    assertTrue(assertThrows(CsvRowParser.RowProblem.class, () -> ignoring.parse("1 5:1 4:1", null)).getMessage()
        .startsWith("index 4 follows index 5"));
    assertTrue(assertThrows(CsvRowParser.RowProblem.class, () -> ignoring.parse("1 5:x", null)).getMessage()
        .contains("\"x\""));
    assertTrue(assertThrows(CsvRowParser.RowProblem.class,
        () -> ignoring.parse("1 2147483647:1 3:1", null)).getMessage().startsWith("index 3 follows index 2147483647"));

    // --num-features 3 is the count: indices 0..2
    CsvRowParser.RowProblem big = assertThrows(CsvRowParser.RowProblem.class, () -> p.parse("1 0:1 3:2", null));
    assertEquals(7, big.charColumn());
    assertEquals("index 3 is beyond --num-features 3 (zero-based: indices 0 to 2); raise --num-features to 4 or "
        + "more, or fix the line", big.getMessage());
    assertEquals("index -1 is out of range; with --zero-based, indices start at 0",
        assertThrows(CsvRowParser.RowProblem.class, () -> p.parse("1 -1:2", null)).getMessage());
    assertEquals("index 0 follows index 1; LIBSVM indices must be ascending (sort each line's features by index)",
        assertThrows(CsvRowParser.RowProblem.class, () -> p.parse("1 1:2 0:1", null)).getMessage());
    assertTrue(assertThrows(CsvRowParser.RowProblem.class, () -> p.parse("1 0:2 0:1", null)).getMessage()
        .startsWith("index 0 appears twice"));
    assertEquals("expected a feature index (a whole number from 0), found \"x\"",
        assertThrows(CsvRowParser.RowProblem.class, () -> p.parse("1 x:2", null)).getMessage());
    // the largest int index needs one more feature than an int holds: refused, not wrapped round
    LibsvmRowParser counting = new LibsvmRowParser(Integer.MAX_VALUE, true, true);
    assertTrue(assertThrows(CsvRowParser.RowProblem.class, () -> counting.parse("1 2147483647:1", null))
        .getMessage().startsWith("index 2147483647 is beyond the 2147483647 features counted"));
  }

  /** A CSV file read with --format libsvm (or named .libsvm) failed on its label, as if one value were bad. */
  @Test
  void aCsvLineIsToldItsFormat() {
    CsvRowParser.RowProblem csv = problem("1.0,2.0,3.0", 5);
    assertEquals(1, csv.charColumn());
    assertEquals("the line looks like CSV (1.0,2.0,3.0: values separated by commas), not LIBSVM (label index:value "
        + "...); pass --format csv (with --header false if the file has no header line)", csv.getMessage());
    assertTrue(problem("x1, x2, y", 5).getMessage().startsWith("the line looks like CSV (x1,: values"));
    // a decimal comma in a LIBSVM value, and a label with one, are not CSV
    assertEquals("feature 2: expected a number, found \"0,5\", which has a decimal comma; only '.' is accepted as the "
        + "decimal point: write 0.5 (export the file with '.' decimals)", problem("1 2:0,5", 5).getMessage());
    assertTrue(problem("1,5 2:1", 5).getMessage().startsWith("label: expected a number, found \"1,5\", which has a "
        + "decimal comma"), problem("1,5 2:1", 5).getMessage());
  }

  /** Classes written as words were told "fix or delete the line" under --loss logistic: they are to recode. */
  @Test
  void aLogisticLabelWrittenAsAWordIsToldToRecodeTheClasses() {
    LibsvmRowParser logistic = new LibsvmRowParser(5, false).checkingLabels(LabelRule.ZERO_OR_ONE);
    CsvRowParser.RowProblem no = assertThrows(CsvRowParser.RowProblem.class, () -> logistic.parse("  no 1:0.5", null));
    assertEquals(3, no.charColumn());
    assertEquals("label: expected a number, found \"no\", but --loss logistic needs labels 0 or 1: recode the classes "
        + "as 0 and 1 (e.g. no -> 0, yes -> 1)", no.getMessage());
    assertTrue(assertThrows(CsvRowParser.RowProblem.class, () -> logistic.parse("True 1:0.5", null)).getMessage()
        .endsWith("(e.g. False -> 0, True -> 1)"));
    // the squared loss: a value to fix, as before
    assertEquals("label: expected a number, found \"no\" (fix or delete the line)", problem("no 1:0.5", 5)
        .getMessage());
    // the pass that counts the features meets the word first: it says the same, and refuses no number (2 is the
    // reading pass's to refuse)
    LibsvmRowParser counting = new LibsvmRowParser(Integer.MAX_VALUE, true).hintingLabelWords(LabelRule.ZERO_OR_ONE);
    assertEquals(no.getMessage(), assertThrows(CsvRowParser.RowProblem.class, () -> counting.parse("  no 1:0.5", null))
        .getMessage());
    assertEquals(2.0, assertDoesNotThrow(() -> counting.parse("2 3:1", null)), 0.0);
    assertEquals(3, counting.largestIndex());
  }

  /** Ranking data (dump_svmlight_file with query_id) was told "found "qid"" as if one index were misspelt. */
  @Test
  void aQidFieldIsToldAsRankingDataToRemove() {
    CsvRowParser.RowProblem qid = problem("3 qid:1 1:0.5 2:1", 5);
    assertEquals(3, qid.charColumn());
    assertEquals("expected a feature index (a whole number from 1), found \"qid\"; the line holds a qid: field "
        + "(LIBSVM ranking data, as scikit-learn's dump_svmlight_file writes with query_id); this trainer has no use "
        + "for it: remove the qid:N fields (e.g. sed -E 's/ qid:[^ ]+//')", qid.getMessage());
    assertTrue(assertThrows(CsvRowParser.RowProblem.class, () -> new LibsvmRowParser(5, false, true)
        .parse("0 qid:12 0:1", null)).getMessage().startsWith("expected a feature index (a whole number from 0), "
            + "found \"qid\"; the line holds a qid: field"));
    // another word keeps its message
    assertEquals("expected a feature index (a whole number from 1), found \"query\"", problem("3 query:1 1:0.5", 5)
        .getMessage());
  }

  /** dump_svmlight_file(multilabel=True) writes a row's classes as "0,2": not one number, nor only a decimal comma. */
  @Test
  void aMultiLabelListIsToldAsOne() {
    assertEquals("label: expected a number, found \"0,2\", which has a decimal comma; only '.' is accepted as the "
        + "decimal point: write 0.2 (export the file with '.' decimals); or, if these are classes, the label is a "
        + "multi-label list of classes (scikit-learn's dump_svmlight_file(multilabel=True) writes them so), which is "
        + "not supported: one numeric label per line", problem("0,2 1:0.5 3:1", 5).getMessage());
    assertEquals("label: \"0,2,5\" looks like a multi-label list of classes (scikit-learn's "
        + "dump_svmlight_file(multilabel=True) writes them so), which is not supported: one numeric label per line",
        problem("0,2,5 1:0.5", 5).getMessage());
    assertTrue(problem("1,234,567 1:0.5", 5).getMessage().endsWith("per line (if the commas separate thousands, "
        + "write 1234567)"), problem("1,234,567 1:0.5", 5).getMessage());
    assertEquals("label: expected a number, found \"1,234.5\", which has a thousands separator; numbers take no "
        + "separators: write 1234.5", problem("1,234.5 1:0.5", 5).getMessage());
  }

  @Test
  void badTokensAndNumbers() {
    assertEquals("expected index:value, found \"abc\" (LIBSVM lines are: label index:value index:value ...)",
        problem("1 abc", 10).getMessage());
    assertEquals("expected a feature index (a whole number from 1), found \"x\"", problem("1 x:2", 10).getMessage());
    // a whole number, too large (a review's 3000000000 was told it was not one)
    CsvRowParser.RowProblem wide = problem("1 3000000000:2", 10);
    assertEquals("feature index 3000000000 is beyond 2,147,483,647, the largest index this reader takes; fix the "
        + "line", wide.getMessage());
    assertEquals(3, wide.charColumn());
    CsvRowParser.RowProblem value = problem("1 3:two", 10);
    assertEquals(5, value.charColumn());
    assertEquals("feature 3: expected a number, found \"two\" (fix or delete the line)", value.getMessage());
    CsvRowParser.RowProblem label = problem("yes 3:2", 10);
    assertEquals(1, label.charColumn());
    assertTrue(label.getMessage().startsWith("label: expected a number, found \"yes\""), label.getMessage());
    assertTrue(problem("1 3:NaN", 10).getMessage().contains("NaN is not a finite number"));
    // as numpy and R write them: not finite, as NaN is, where they were told "expected a number"
    assertEquals("feature 3: inf is not a finite number (fix or delete the line)", problem("1 3:inf", 10).getMessage());
    assertEquals("label: -Inf is not a finite number (fix or delete the line)", problem("-Inf 3:1", 10).getMessage());
    assertEquals("feature 3: expected a number, found \"1\u202f000\", which holds a narrow no-break space (U+202F), a "
        + "character that numbers cannot hold (only ordinary spaces around them are skipped): write 1000",
        problem("1 3:1\u202f000", 10).getMessage());
  }

  @Test
  void aLineThatIsOnlyACommentHoldsNoRecordLikeABlankLine() {
    assertTrue(LibsvmRowParser.holdsNoRecord("# generated by hand"));
    assertTrue(LibsvmRowParser.holdsNoRecord(" \t#1 1:2"));
    assertTrue(LibsvmRowParser.holdsNoRecord(""));
    assertTrue(LibsvmRowParser.holdsNoRecord(" \t "));
    assertFalse(LibsvmRowParser.holdsNoRecord("1 1:2 # a comment after a record"));
    assertFalse(LibsvmRowParser.holdsNoRecord("  0"));
    assertFalse(LibsvmRowParser.holdsNoRecord("x#"), "a bad label is the parser's to report, not skipped");
  }

  @Test
  void theLargestIndexComesWithTheColumnOfItsToken() throws Exception {
    LibsvmRowParser p = new LibsvmRowParser(Integer.MAX_VALUE, true);
    p.parse("1.0 1:0.5 2000000000:0.2", null);
    assertEquals(2_000_000_000, p.largestIndex());
    assertEquals(11, p.largestIndexColumn()); // "1.0 1:0.5 " is 10 characters
    p.parse("  3\t7:1 # 9:1", null);
    assertEquals(7, p.largestIndex());
    assertEquals(5, p.largestIndexColumn());
    p.parse("0", null);
    assertEquals(0, p.largestIndexColumn());
  }

  /** A Parquet file read as LIBSVM printed its binary first bytes as the bad label. */
  @Test
  void aParquetFileIsToldItsFormatAndUnprintableTokensAreEscaped() {
    CsvRowParser.RowProblem parquet = problem("PAR1\u0015\u0000\u0015\ufffd\u0012 rest", 5);
    assertEquals("this is a Parquet file (it starts with PAR1), not LIBSVM; pass --format parquet, or check --data",
        parquet.getMessage());
    assertEquals(1, parquet.charColumn());
    assertEquals("label: expected a number, found \"x\\u0001y\" (fix or delete the line)",
        problem("x\u0001y 1:2", 5).getMessage());
    String long50 = "a".repeat(50);
    assertEquals("label: expected a number, found \"" + "a".repeat(40) + "... (50 characters)\" (fix or delete the "
        + "line)",
        problem(long50 + " 1:2", 5).getMessage());
  }
}
