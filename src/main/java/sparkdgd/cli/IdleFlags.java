package sparkdgd.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ParseResult;
import sparkdgd.config.InputFormat;
import sparkdgd.config.LossKind;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.ScheduleKind;
import sparkdgd.config.TrainConfig;

/**
 * Flags given on the command line that the rest of it leaves without effect, e.g. {@code --huber-delta} with the
 * squared loss: each gets a warning (the run goes on), so a user who thinks a setting applies learns it does not.
 */
final class IdleFlags {
  private IdleFlags() {}

  /** One warning for each flag given that {@code config} leaves idle, in the order of the trainer's help. */
  static List<String> of(ParseResult given, TrainConfig config) {
    InputFormat format = config.format() != null ? config.format() : InputFormat.fromFileName(config.data());
    List<String> warnings = new ArrayList<>();
    warnings.addAll(csvOnly(given, format));
    idle(warnings, given, "--num-features", format != InputFormat.CSV ? null
        : "on csv input (LIBSVM, and Parquet vector columns, only)");
    warnings.addAll(libsvmOnly(given, format, false)); // train has no --unknown-features
    idle(warnings, given, "--huber-delta",
        config.objective().loss() == LossKind.HUBER ? null : "without --loss huber");
    idle(warnings, given, "--class-weight", config.objective().loss() == LossKind.LOGISTIC ? null
        : "without --loss logistic (it weighs a logistic model's two classes)");
    boolean search = config.regParamSearch().searches();
    idle(warnings, given, "--elastic-net", config.objective().regParam() > 0
        || search && config.regParamSearch().largest() > 0 ? null
        : "without --reg-param (the penalty's strength, 0 by default: no penalty to mix)");
    idle(warnings, given, "--refit", search ? null
        : "without several --reg-param values (it trains a search's choice on all the rows)");
    boolean lbfgs = config.optimization().optimizer() == OptimizerKind.LBFGS;
    String lineSearch = "with --optimizer lbfgs (its line search sets every step)";
    idle(warnings, given, "--learning-rate-schedule", lbfgs ? lineSearch : null);
    idle(warnings, given, "--step-every", lbfgs ? lineSearch
        : config.optimization().schedule() == ScheduleKind.STEP ? null : "without --learning-rate-schedule step");
    idle(warnings, given, "--average-from", config.optimization().averageFrom() <= config.epochs() ? null
        : "beyond --epochs " + config.epochs() + " (no iterate to average)");
    idle(warnings, given, "--tol-evaluations", config.tol() > 0 ? null : "with --tol 0 (no test to repeat)");
    idle(warnings, given, "--checkpoint-every", config.checkpointing().dir() != null ? null
        : "without --checkpoint-dir");
    return warnings;
  }

  /** A warning for each of {@code --header} and {@code --delimiter} given for input read as {@code format}, not CSV. */
  static List<String> csvOnly(ParseResult given, InputFormat format) {
    List<String> warnings = new ArrayList<>();
    String notCsv = format == null || format == InputFormat.CSV ? null : "on " + name(format) + " input (CSV only)";
    idle(warnings, given, "--header", notCsv);
    idle(warnings, given, "--delimiter", notCsv);
    return warnings;
  }

  /**
   * A warning for {@code --[no-]zero-based} given for input read as {@code format}, not LIBSVM, and for
   * {@code --unknown-features} given for features that are neither LIBSVM's nor a vector or array column's
   * ({@code fromVector}).
   */
  static List<String> libsvmOnly(ParseResult given, InputFormat format, boolean fromVector) {
    List<String> warnings = new ArrayList<>();
    if (format != null && format != InputFormat.LIBSVM && given.hasMatchedOption("--zero-based")) {
      warnings.add("warning: --" + (given.matchedOptionValue("--zero-based", true) ? "" : "no-")
          + "zero-based has no effect on " + name(format) + " input (LIBSVM only)");
    }
    idle(warnings, given, "--unknown-features", format == null || format == InputFormat.LIBSVM || fromVector ? null
        : "on " + name(format) + " input of named feature columns (LIBSVM, or a vector or array column, only)");
    return warnings;
  }

  private static void idle(List<String> warnings, ParseResult given, String flag, String unlessWhy) {
    if (unlessWhy != null && given.hasMatchedOption(flag)) {
      warnings.add("warning: " + flag + " has no effect " + unlessWhy);
    }
  }

  private static String name(InputFormat format) {
    return format.name().toLowerCase(Locale.ROOT);
  }
}
