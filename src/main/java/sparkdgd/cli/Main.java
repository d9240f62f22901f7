package sparkdgd.cli;

import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;

/** Entry point for {@code spark-submit}: {@code --class sparkdgd.cli.Main app.jar [options]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (ApplicationMasterDriver.isThisProcess()) {
      ApplicationMasterDriver.main(args);
      return;
    }
    int code = run(args, System.out, System.err);
    System.out.flush();
    System.err.flush();
    if (code != ExitCode.OK) {
      System.exit(code);
    }
  }

  /** What to pass instead of {@code --data} twice: one --data takes several files (InputFiles: Hadoop's globs). */
  static final String DATA_TWICE = ": one --data names all the input; pass a directory, or a glob such as --data "
      + "'dir/{a,b}.csv' (quoted, so that the shell leaves the braces to Hadoop)";

  /** Runs the command line and returns the exit code; prints to {@code out} and {@code err}. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cmd = new CommandLine(new TrainCommand(out, err));
    // Subcommands: ./submit.sh NAME [options]; with no name (or "train") the trainer runs.
    cmd.addSubcommand("train", new CommandLine(new TrainCommand(out, err)).setCommandName("train"));
    cmd.addSubcommand("generate", new GenerateCommand(out, err));
    cmd.addSubcommand("predict", new PredictCommand(out, err));
    cmd.addSubcommand("evaluate", new EvaluateCommand(out, err));
    cmd.addSubcommand("benchmark", new sparkdgd.bench.BenchmarkCommand(out, err));
    cmd.addSubcommand("benchmark-loading", new sparkdgd.bench.LoadingBenchmarkCommand(out, err));
    // after the subcommands, which picocli registers it with: every double flag of every command
    cmd.registerConverter(Double.class, new DecimalNumber());
    cmd.registerConverter(Double.TYPE, new DecimalNumber());
    cmd.setOut(new java.io.PrintWriter(out, true));
    cmd.setErr(new java.io.PrintWriter(err, true));
    cmd.setParameterExceptionHandler((given, argv) -> {
      CommandLine.ParameterException ex = given;
      // a mistyped required flag is also a missing one, which picocli reports first: name the typo instead
      List<String> unknown = given.getCommandLine().getParseResult() == null ? List.of()
          : given.getCommandLine().getParseResult().unmatched();
      List<String> unknownFlags = unknown.stream().filter(a -> a.startsWith("-")).toList();
      if (given instanceof CommandLine.MissingParameterException && !unknownFlags.isEmpty()) {
        ex = new CommandLine.UnmatchedArgumentException(given.getCommandLine(), unknownFlags);
      }
      String suggestion = "";
      if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
        suggestion = "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
      }
      boolean trainer = ex.getCommandLine().getParent() == null || "train".equals(ex.getCommandLine().getCommandName());
      if (trainer && ex instanceof CommandLine.UnmatchedArgumentException unmatched) { // before picocli's guess
        suggestion = OtherLibrariesNames.hint(unmatched.getUnmatched()).orElse(suggestion); // trainer only
      }
      if (ex.getMessage() != null && ex.getMessage().endsWith("' is not a boolean")) {
        suggestion = ": write true or false"; // --fit-intercept and --standardize take a value
      }
      if (ex instanceof CommandLine.OverwrittenOptionException twice
          && twice.getOverwritten() instanceof CommandLine.Model.OptionSpec o && o.longestName().equals("--data")) {
        suggestion = DATA_TWICE;
      }
      // a subcommand's flags are in its own help
      CommandLine failed = ex.getCommandLine();
      String help = failed.getParent() == null ? "--help" : failed.getCommandName() + " --help";
      err.println("error: " + ex.getMessage() + suggestion + " (see " + help + ")");
      return ExitCode.BAD_INPUT;
    });
    cmd.setExecutionStrategy(parsed -> {
      // picocli runs the command named last, with its own options: the trainer's given before it were dropped
      List<String> before = parsed.subcommand() == null ? List.of() : parsed.matchedOptions().stream()
          .filter(o -> !o.usageHelp() && !o.versionHelp()) // --help or --version first are still answered
          .map(CommandLine.Model.OptionSpec::longestName).toList();
      if (!before.isEmpty()) {
        err.println(optionsBeforeTheCommand(parsed.subcommand().commandSpec().name(), before));
        return ExitCode.BAD_INPUT;
      }
      return new CommandLine.RunLast().execute(parsed);
    });
    return cmd.execute(args);
  }

  /** The error for options {@code given} before the name of {@code command}, which would not read them. */
  static String optionsBeforeTheCommand(String command, List<String> given) {
    return "error: " + String.join(", ", given) + (given.size() == 1 ? " comes" : " come") + " before the command \""
        + command + "\", which would not read " + (given.size() == 1 ? "it" : "them") + ": give a command's options "
        + "after its name (./submit.sh [spark-submit options] " + command + " [" + command + " options]; see " + command
        + " --help)";
  }
}
