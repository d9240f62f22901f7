package sparkdgd.cli;

import picocli.CommandLine.Option;
import sparkdgd.config.ReadOptions;
import sparkdgd.config.UsageError;
import sparkdgd.score.ScoringInput.CsvLayout;

/** The CSV flags of train, predict and evaluate: files laid out like the training data read the same way. */
final class CsvLayoutOptions {
  @Option(names = "--header", paramLabel = "true|false", arity = "1", defaultValue = "true",
      description = "CSV: every file starts with a header line naming the columns. Without one, columns are "
          + "named c1..cN by position (in training the label defaults to the last). Default: ${DEFAULT-VALUE}")
  boolean header;

  @Option(names = "--delimiter", paramLabel = "CHAR",
      description = "CSV: the field separator, one character, or \\t or tab (a tab). Default: a tab for files named "
          + ".tsv, else a comma")
  String delimiter;

  /** The {@code --delimiter} given, or {@link ReadOptions#BY_FILE_NAMES}; a bad one is a usage error. */
  char delimiter() {
    try {
      return delimiter == null ? ReadOptions.BY_FILE_NAMES : ReadOptions.parseDelimiter(delimiter);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /** The layout the flags give; a bad delimiter is a usage error. */
  CsvLayout layout() {
    try {
      return new CsvLayout(delimiter(), header);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }
}
