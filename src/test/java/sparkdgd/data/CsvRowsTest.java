package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a line to score is split into fields: each case's fields written out by hand. */
class CsvRowsTest {
  private static List<String> fields(String line, char delimiter) throws CsvRowParser.RowProblem {
    return CsvRows.fields(line, delimiter);
  }

  @Test
  void plainFieldsAreKeptAsWrittenAndEmptyOnesAreNull() throws Exception {
    assertEquals(List.of("1", " 2 ", "x"), fields("1, 2 ,x", ','));
    assertEquals(Arrays.asList(null, "a", null, null), fields(",a,,", ','));
    assertEquals(Arrays.asList((String) null), fields("", ','));
    assertEquals(List.of("1,5", "2"), fields("1,5;2", ';'));
    assertEquals(List.of("a", "b"), fields("a\tb", '\t'));
  }

  @Test
  void quotedFieldsHoldDelimitersAndDoubledQuotes() throws Exception {
    assertEquals(List.of("x, y", "1"), fields("\"x, y\",1", ','));
    assertEquals(List.of("say \"hi\"", ""), fields("\"say \"\"hi\"\"\",\"\"", ','));
    assertEquals(List.of("a", "b"), fields("\"a\"  ,b", ','), "spaces after a closing quote");
    assertEquals(List.of("a b", "c"), fields("\"a b\" c", ' '), "a space delimiter right after the quote");
    assertEquals(List.of("a\"b"), fields("a\"b", ','), "a quote inside an unquoted field is text");
    assertEquals(List.of("1", "x, \"y\"", "2"), fields("1,  \"x, \"\"y\"\"\" ,2", ','),
        "spaces before an opening quote");
    assertEquals(List.of("1", "2,5", "3"), fields("1,\t\"2,5\"\t,3", ','), "tabs around a quoted field");
    assertEquals(List.of("1", "2\t5", ""), fields("1\t\"2\t5\"\t\"\"", '\t'), "the tab delimiter is not a blank");
  }

  @Test
  void anOpenQuoteOrTextAfterAClosingQuoteIsAProblemAtItsColumn() {
    CsvRowParser.RowProblem open = assertThrows(CsvRowParser.RowProblem.class, () -> fields("1,\"x,2", ','));
    assertEquals(3, open.charColumn());
    CsvRowParser.RowProblem after = assertThrows(CsvRowParser.RowProblem.class, () -> fields("\"x\"y,2", ','));
    assertEquals(4, after.charColumn());
  }
}
