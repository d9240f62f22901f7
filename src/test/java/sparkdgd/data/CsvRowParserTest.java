package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvRowParserTest {
  private static final List<String> COLUMNS = List.of("id", "a", "b", "y");

  private static CsvRowParser parser(List<String> features) {
    boolean[] usable = {true, true, true, true};
    return new CsvRowParser(',', ColumnSelection.resolve("f.csv", COLUMNS, usable, "y", features));
  }

  @Test
  void writesSelectedFeaturesInModelOrderAndReturnsTheLabel() throws Exception {
    double[] slot = new double[5];
    double label = parser(List.of("b", "a")).parse("7, 1.5 ,\"-2e3\",4.25", slot, 3);
    assertEquals(4.25, label, 0.0);
    assertArrayEquals(new double[] {0, 0, 0, -2000, 1.5}, slot, 0.0);
  }

  @Test
  void unselectedColumnsAreNotParsed() throws Exception {
    double[] slot = new double[2];
    assertEquals(1.0, parser(List.of("a", "b")).parse("not-a-number,2,3,1", slot, 0), 0.0);
    assertArrayEquals(new double[] {2, 3}, slot, 0.0);
  }

  @Test
  void nonNumericCellNamesColumnPositionAndValue() {
    CsvRowParser.RowProblem p = assertThrows(CsvRowParser.RowProblem.class,
        () -> parser(List.of()).parse("1,2,n/a,4", new double[3], 0));
    assertEquals(5, p.charColumn()); // "1,2," is 4 characters; n/a starts at column 5
    assertTrue(p.getMessage().startsWith("column \"b\": expected a number, found \"n/a\""), p.getMessage());
  }

  /** A no-break space after a number showed as found "1.5 ", which looks like a number with a space skipped. */
  @Test
  void aNoBreakSpaceInANumberIsNamed() {
    CsvRowParser.RowProblem p = assertThrows(CsvRowParser.RowProblem.class,
        () -> parser(List.of()).parse("1,1.5\u00a0,3,4", new double[3], 0));
    assertEquals(3, p.charColumn());
    assertEquals("column \"a\": expected a number, found \"1.5\u00a0\", which holds a no-break space (U+00A0), a "
        + "character that numbers cannot hold (only ordinary spaces around them are skipped): write 1.5",
        p.getMessage());
  }

  @Test
  void nanAndInfinityAreRejected() {
    for (String bad : List.of("NaN", "Infinity", "-Infinity")) {
      CsvRowParser.RowProblem p = assertThrows(CsvRowParser.RowProblem.class,
          () -> parser(List.of()).parse("1,2,3," + bad, new double[3], 0));
      assertEquals(7, p.charColumn());
      assertTrue(p.getMessage().contains("label column \"y\": " + bad + " is not a finite number"), p.getMessage());
    }
  }

  /**
   * NaN and the infinities as numpy, C and R write them (nan, inf, -inf, Inf) were told "expected a number", where
   * NaN and Infinity are told they are not finite: the same, and still refused.
   */
  @Test
  void otherSpellingsOfNanAndInfinityAreToldNotFinite() {
    for (String bad : List.of("nan", "inf", "-inf", "+inf", "infinity", "-Inf", "INF", "-nan")) {
      CsvRowParser.RowProblem p = assertThrows(CsvRowParser.RowProblem.class,
          () -> parser(List.of()).parse("1," + bad + ",3,4", new double[3], 0));
      assertEquals(3, p.charColumn());
      assertEquals("column \"a\": " + bad + " is not a finite number; training needs finite values (fix or delete "
          + "the row)", p.getMessage());
    }
    CsvRowParser.RowProblem label = assertThrows(CsvRowParser.RowProblem.class,
        () -> parser(List.of()).parse("1,2,3, \"nan\"", new double[3], 0));
    assertEquals("label column \"y\": nan is not a finite number; training needs finite values (fix or delete the "
        + "row)", label.getMessage());
  }

  @Test
  void wrongFieldCountAndEmptyValuesAreRejected() {
    CsvRowParser.RowProblem few = assertThrows(CsvRowParser.RowProblem.class,
        () -> parser(List.of()).parse("1,2,3", new double[3], 0));
    assertTrue(few.getMessage().startsWith("expected 4 fields (id,a,b,y), found 3"), few.getMessage());
    CsvRowParser.RowProblem many = assertThrows(CsvRowParser.RowProblem.class,
        () -> parser(List.of()).parse("1,2,3,4,5", new double[3], 0));
    assertTrue(many.getMessage().startsWith("expected 4 fields (id,a,b,y), found 5"), many.getMessage());
    CsvRowParser.RowProblem empty = assertThrows(CsvRowParser.RowProblem.class,
        () -> parser(List.of()).parse("1,,3,4", new double[3], 0));
    assertEquals(3, empty.charColumn());
    assertTrue(empty.getMessage().startsWith("column \"a\": empty value"), empty.getMessage());
    // every field empty, as spreadsheets export empty rows: the row is named, not its first value
    String emptyRow = "every field of this row is empty (\",,,\"), as a spreadsheet exports an empty row; delete such "
        + "rows, or pass --on-bad-record skip";
    for (String line : List.of(",,,", ",,, ", " , \"\" ,,")) {
      CsvRowParser.RowProblem p = assertThrows(CsvRowParser.RowProblem.class,
          () -> parser(List.of()).parse(line, new double[3], 0));
      assertEquals(0, p.charColumn(), line);
      assertTrue(p.getMessage().startsWith("every field of this row is empty ("), p.getMessage());
    }
    assertEquals(emptyRow, assertThrows(CsvRowParser.RowProblem.class,
        () -> parser(List.of()).parse(",,,", new double[3], 0)).getMessage());
    assertTrue(assertThrows(CsvRowParser.RowProblem.class, () -> parser(List.of()).parse(",,,,,,", new double[3], 0))
        .getMessage().startsWith("every field of this row is empty"), "whatever the count: nothing to align");
  }

  /**
   * A row with more or fewer fields than the header is misaligned, so its first bad value is not the problem: an
   * empty field before the end of a five-field row was named as an empty value, with the fix "fill it in".
   */
  @Test
  void aRowOfTheWrongLengthIsNamedSoWhateverItsFirstBadValue() {
    Map<String, Integer> fields = Map.of("1,2,,3,,4", 6, "1,,2,3,4", 5, "1,x,2,3,4", 5, "1,2,\"a,b\",3,4", 5,
        "1,,2", 3, "1,2,NaN", 3, "1,2,3,4,", 5);
    fields.forEach((line, found) -> {
      CsvRowParser.RowProblem p = assertThrows(CsvRowParser.RowProblem.class,
          () -> parser(List.of()).parse(line, new double[3], 0), line);
      assertEquals("expected 4 fields (id,a,b,y), found " + found + "; check the delimiter or fix the row",
          p.getMessage(), line);
      assertEquals(0, p.charColumn(), line);
    });
  }

  @Test
  void spacesAlignedByASpaceDelimiterAreEmptyFieldsAndSaySo() {
    boolean[] usable = {true, true, true};
    CsvRowParser spaced = new CsvRowParser(' ', ColumnSelection.resolve("f.txt", List.of("a", "b", "y"), usable,
        "y", List.of()));
    CsvRowParser.RowProblem p = assertThrows(CsvRowParser.RowProblem.class,
        () -> spaced.parse("0.1  0.2 0.3", new double[2], 0));
    assertEquals("expected 3 fields (a b y), found 4; check the delimiter or fix the row (with --delimiter ' ', "
        + "each space ends a field: values aligned by several spaces are separated by empty fields; separate them by "
        + "one space, or by tabs with --delimiter '\\t')", p.getMessage());
  }

  @Test
  void javaNumberLiteralsAreNotNumbers() {
    for (String literal : List.of("2f", "1.5d", "0x1p3")) {
      CsvRowParser.RowProblem p = assertThrows(CsvRowParser.RowProblem.class,
          () -> parser(List.of()).parse("1,2," + literal + ",4", new double[3], 0));
      assertEquals(5, p.charColumn());
      assertEquals("column \"b\": expected a number, found \"" + literal + "\" (fix or delete the row, or leave "
          + "the column out with --features)", p.getMessage());
    }
  }

  @Test
  void aQuotedFieldMayHoldTheDelimiterAndDoubledQuotes() throws Exception {
    double[] slot = new double[2];
    // the ignored id holds two commas and a quote; a feature is quoted with spaces around it
    double label = parser(List.of("a", "b")).parse("\"7, \"\"x\"\", 8\", \" 1.5 \" ,3,4", slot, 0);
    assertEquals(4.0, label, 0.0);
    assertArrayEquals(new double[] {1.5, 3}, slot, 0.0);
  }

  @Test
  void quotesLeftInsideAQuotedFieldAreStrippedAsInAnUnquotedOne() throws Exception {
    double[] slot = new double[2];
    // """5""" is the text "5", which an unquoted field "5" also gives: read as 5, as the scoring reader reads it
    assertEquals(4.0, parser(List.of("a", "b")).parse("1,\"\"\"5\"\"\", \"\"\"6\"\" \",4", slot, 0), 0.0);
    assertArrayEquals(new double[] {5, 6}, slot, 0.0);
  }

  @Test
  void aQuotedDelimiterIsOneFieldThatIsNotANumber() {
    CsvRowParser.RowProblem p = assertThrows(CsvRowParser.RowProblem.class,
        () -> parser(List.of()).parse("1,\"2,5\",3,4", new double[3], 0));
    assertEquals(3, p.charColumn()); // the opening quote
    assertTrue(p.getMessage().startsWith("column \"a\": expected a number, found \"2,5\""), p.getMessage());
  }

  /** A European export quotes a decimal comma in a comma-separated file (or separates by ';'): say it is one. */
  @Test
  void aDecimalCommaIsToldAsOneWithTheNumberToWrite() {
    CsvRowParser.RowProblem p = assertThrows(CsvRowParser.RowProblem.class,
        () -> parser(List.of()).parse("1,\"2,5\",3,4", new double[3], 0));
    assertEquals("column \"a\": expected a number, found \"2,5\", which has a decimal comma; only '.' is accepted as "
        + "the decimal point: write 2.5 (export the file with '.' decimals)", p.getMessage());
    CsvRowParser.RowProblem label = assertThrows(CsvRowParser.RowProblem.class,
        () -> parser(List.of()).parse("1,2,3,\"-0,5\"", new double[3], 0));
    assertEquals("label column \"y\": expected a number, found \"-0,5\", which has a decimal comma; only '.' is "
        + "accepted as the decimal point: write -0.5 (export the file with '.' decimals)", label.getMessage());
  }

  /**
   * Classes written as words (yes/no, or True/False as pandas writes booleans) were told "fix or delete the row"
   * under --loss logistic, as if one value were bad: every row holds one, and the fix is to recode them as 0 and 1.
   */
  @Test
  void aLogisticLabelWrittenAsAWordIsToldToRecodeTheClasses() {
    boolean[] usable = {true, true, true, true};
    CsvRowParser logistic = new CsvRowParser(',', ColumnSelection.resolve("f.csv", COLUMNS, usable, "y", List.of()),
        LabelRule.ZERO_OR_ONE);
    CsvRowParser.RowProblem yes = assertThrows(CsvRowParser.RowProblem.class,
        () -> logistic.parse("1,2,3,yes", new double[3], 0));
    assertEquals(7, yes.charColumn());
    assertEquals("label column \"y\": expected a number, found \"yes\", but --loss logistic needs labels 0 or 1: "
        + "recode the classes as 0 and 1 (e.g. no -> 0, yes -> 1)", yes.getMessage());
    Map<String, String> examples = Map.of("No", "(e.g. No -> 0, Yes -> 1)", "\"True\"", "(e.g. False -> 0, True -> 1)",
        "false", "(e.g. false -> 0, true -> 1)", "TRUE", "(e.g. FALSE -> 0, TRUE -> 1)");
    examples.forEach((label, example) -> assertTrue(assertThrows(CsvRowParser.RowProblem.class,
        () -> logistic.parse("1,2,3," + label, new double[3], 0)).getMessage().endsWith(
            "recode the classes as 0 and 1 " + example), label));
    // another word, or another loss: a value to fix, as before
    assertEquals("label column \"y\": expected a number, found \"maybe\" (fix or delete the row)",
        assertThrows(CsvRowParser.RowProblem.class, () -> logistic.parse("1,2,3,maybe", new double[3], 0))
            .getMessage());
    assertEquals("label column \"y\": expected a number, found \"yes\" (fix or delete the row)",
        assertThrows(CsvRowParser.RowProblem.class, () -> parser(List.of()).parse("1,2,3,yes", new double[3], 0))
            .getMessage());
    // a feature that says yes is no label
    assertTrue(assertThrows(CsvRowParser.RowProblem.class, () -> logistic.parse("1,yes,3,1", new double[3], 0))
        .getMessage().startsWith("column \"a\": expected a number, found \"yes\" (fix or delete the row"));
  }

  @Test
  void anUnclosedQuoteOrTextAfterTheClosingQuoteIsNamedWhereItIs() {
    CsvRowParser.RowProblem open = assertThrows(CsvRowParser.RowProblem.class,
        () -> parser(List.of()).parse("1,2,\"3,4", new double[3], 0));
    assertEquals(5, open.charColumn());
    assertTrue(open.getMessage().startsWith("a quoted field is not closed"), open.getMessage());
    CsvRowParser.RowProblem after = assertThrows(CsvRowParser.RowProblem.class,
        () -> parser(List.of()).parse("1,\"2\"x,3,4", new double[3], 0));
    assertEquals(6, after.charColumn()); // the x
    assertTrue(after.getMessage().startsWith("text after a closing quote"), after.getMessage());
  }
}
