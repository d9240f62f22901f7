package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Counts such as {@code generate --rows}: plain or scientific notation, whole numbers only. */
class WholeNumberTest {
  @Test
  void plainAndScientificNotationGiveTheSameCount() {
    assertEquals(1_000_000L, WholeNumber.parse("1e6"));
    assertEquals(1_000_000L, WholeNumber.parse("1E6"));
    assertEquals(1_000_000L, WholeNumber.parse("1000000"));
    assertEquals(2_500L, WholeNumber.parse("2.5e3"));
    assertEquals(7L, WholeNumber.parse("7.000"), "a fraction of zeros is whole");
    assertEquals(10_000_000_000L, WholeNumber.parse("1e10"), "beyond an int");
    assertEquals(Long.MAX_VALUE, WholeNumber.parse("9223372036854775807"), "every long, exactly (not via a double)");
    assertEquals(-3L, WholeNumber.parse("-3"), "the sign is the command's to check (--rows must be >= 1)");
    assertEquals(0L, WholeNumber.parse("0e5"));
  }

  @Test
  void fractionsWordsAndOverflowAreRefusedNamingTheValue() {
    for (String v : new String[] {"1.5e0", "0.5", "1e-3", "abc", "1e6x", "", "1,000"}) {
      TypeConversionException e = assertThrows(TypeConversionException.class, () -> WholeNumber.parse(v), v);
      assertEquals("expected a whole number such as 1000000 or 1e6, got '" + v + "'", e.getMessage());
    }
    TypeConversionException e = assertThrows(TypeConversionException.class, () -> WholeNumber.parse("1e19"));
    assertEquals("expected a whole number up to 9223372036854775807, got '1e19'", e.getMessage());
    assertThrows(TypeConversionException.class, () -> WholeNumber.parse("9223372036854775808"), "Long.MAX_VALUE + 1");
  }

  @Test
  void benchmarkLoadingTakesItsRowsTheSameWay() {
    CliRun run = CliRun.of("benchmark-loading", "--rows", "1.5e0");
    assertEquals(2, run.code(), run.err());
    assertEquals("error: Invalid value for option '--rows': expected a whole number such as 1000000 or 1e6, got "
        + "'1.5e0' (see benchmark-loading --help)", run.err().strip());
  }

  @Test
  void intCountsTakeTheSameNotationUpToAnInt() {
    assertEquals(1000, WholeNumber.parseInt("1e3"));
    assertEquals(2500, WholeNumber.parseInt("2.5e3"));
    assertEquals(Integer.MAX_VALUE, WholeNumber.parseInt("2147483647"));
    assertEquals(0, WholeNumber.parseInt("0"));
    for (String v : new String[] {"2147483648", "3e9", "1e19", "-2147483649"}) {
      TypeConversionException e = assertThrows(TypeConversionException.class, () -> WholeNumber.parseInt(v), v);
      assertEquals("expected a whole number up to 2147483647, got '" + v + "'", e.getMessage());
    }
    TypeConversionException e = assertThrows(TypeConversionException.class, () -> WholeNumber.parseInt("1.5"));
    assertEquals("expected a whole number such as 1000000 or 1e6, got '1.5'", e.getMessage());
  }

  /** Every count of train, given as 1e3 or 2.5e3 (was: "'1e3' is not an int"), parsed as picocli parses them. */
  @Test
  void trainsCountsTakeScientificNotation() {
    TrainCommand train = new TrainCommand(System.out, System.err);
    new picocli.CommandLine(train).parseArgs("--epochs", "1e3", "--log-every", "2.5e1", "--patience", "5e0",
        "--checkpoint-every", "1e2", "--block-rows", "4e3", "--partitions", "1.6e1", "--batch-run-rows", "6.4e1",
        "--step-every", "2e2", "--num-features", "1e1");
    assertEquals(List.of(1000, 25, 5, 100, 4000, 16, 64, 200, 10), List.of(train.epochs, train.logEvery,
        train.patience, train.checkpointEvery, train.blockRows, train.partitions, train.batchRunRows, train.stepEvery,
        train.numFeatures));
    GenerateCommand generate = new GenerateCommand(System.out, System.err);
    new picocli.CommandLine(generate).parseArgs("--rows", "1e3", "--features", "1e1", "--partitions", "2e0",
        "--output", "unused");
    assertEquals(List.of(10, 2), List.of(generate.features, generate.partitions));
  }

  /** A count with a fraction is a usage error naming the flag, before Spark starts. */
  @Test
  void aFractionalCountIsRefusedNamingTheFlag() {
    CliRun run = CliRun.of("--epochs", "1.5");
    assertEquals(2, run.code(), run.err());
    assertEquals("error: Invalid value for option '--epochs': expected a whole number such as 1000000 or 1e6, got "
        + "'1.5' (see --help)", run.err().strip());
    CliRun large = CliRun.of("train", "--block-rows", "3e9");
    assertEquals(2, large.code(), large.err());
    assertEquals("error: Invalid value for option '--block-rows': expected a whole number up to 2147483647, got "
        + "'3e9' (see train --help)", large.err().strip());
  }
}
