package sparkdgd.cli;

/**
 * The --help footer lines that say {@code ./submit.sh} also takes spark-submit's options, before the command, with an
 * example for each command: a shell command that runs as written from the project's directory, in the order train,
 * predict, evaluate (the model is train's default output/). The example goes on two lines joined by a backslash, so
 * that the help's 100 columns never wrap it mid-command.
 */
final class SubmitOptionsHelp {
  /** The sentence before the example. */
  static final String SENTENCE = "./submit.sh also takes spark-submit's options, before the command (--master, "
      + "--deploy-mode, --driver-memory, --executor-memory, --conf KEY=VALUE, --jars, --packages, ...; see the "
      + "README), e.g.";
  /** The example's first line, the options; the command's own line follows. */
  static final String OPTIONS = "  ./submit.sh --master 'local[4]' --driver-memory 8g \\";
  /** train's example command: it replaces the default output/ of an earlier run (README's first command's). */
  static final String TRAIN = "    train --data sample-data/tutorial.csv --overwrite";
  /** predict's example command, on train's output/. */
  static final String PREDICT = "    predict --model output --data sample-data/tutorial.csv --output scored";
  /** evaluate's example command, on train's output/. */
  static final String EVALUATE = "    evaluate --model output --data sample-data/tutorial.csv --output eval.json";
  /** generate's example command. */
  static final String GENERATE = "    generate --rows 1000 --features 3 --output synthetic";

  private SubmitOptionsHelp() {}
}
