package sparkdgd.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refusals to resume name the flags that differ, not the strings the fingerprint keeps them in. */
class SettingDifferencesTest {
  private static final String LOSS = "LossSettings[loss=squared, huberDelta=1.0, regParam=%s, elasticNet=0.0]";
  private static final String READ = "ReadOptions[numFeatures=0, onBadRecord=fail, header=true, delimiter=%s, "
      + "precision=%s]";
  private static final String GD = "gd batch 0.5 constant every 100 seed %s validation 0.0 evaluate every %s";

  private static Map<String, String> settings(String regParam, String delimiter, String precision, String seed,
      String logEvery, String partitions) {
    return Map.of("objective", String.format(LOSS, regParam), "read", String.format(READ, delimiter, precision),
        "optimizer", String.format(GD, seed, logEvery), "partitions", partitions);
  }

  @Test
  void eachDifferingPartIsNamedByItsFlag() {
    Map<String, String> checkpoint = settings("0.0", ",", "float64", "42", "50", "4");
    assertEquals("", SettingDifferences.between(checkpoint, checkpoint));
    assertEquals("--reg-param: checkpoint 0.0, now 0.1",
        SettingDifferences.between(checkpoint, settings("0.1", ",", "float64", "42", "50", "4")));
    assertEquals("--precision: checkpoint float64, now float32",
        SettingDifferences.between(checkpoint, settings("0.0", ",", "float32", "42", "50", "4")));
    assertEquals("--delimiter: checkpoint ,, now ;",
        SettingDifferences.between(checkpoint, settings("0.0", ";", "float64", "42", "50", "4")));
    assertEquals("--log-every: checkpoint 50, now 10, --seed: checkpoint 42, now 7",
        SettingDifferences.between(checkpoint, settings("0.0", ",", "float64", "7", "10", "4")));
    assertEquals("--partitions (or, without it, the count chosen from the input and the master's cores): checkpoint 4, "
        + "now 8",
        SettingDifferences.between(checkpoint, settings("0.0", ",", "float64", "42", "50", "8")));
  }

  /** Thousands of feature names (a LIBSVM model) are told by their counts and the first that differs, not listed. */
  @Test
  void manyFeatureNamesAreToldByCountAndTheFirstThatDiffers() {
    StringBuilder names = new StringBuilder("x1");
    for (int j = 2; j <= 100_000; j++) {
      names.append(",x").append(j);
    }
    String was = names.toString();
    String line = SettingDifferences.between(Map.of("features", was), Map.of("features", was + ",x100001"));
    assertEquals("--features: checkpoint 100,000 names, now 100,001; name 100,001 is (none) there, x100001 now", line);
    assertEquals("--features: checkpoint 100,000 names, now 100,000; name 7 is x7 there, y now",
        SettingDifferences.between(Map.of("features", was), Map.of("features", was.replace(",x7,", ",y,"))));
    assertEquals("--features: checkpoint a,b, now a,c",
        SettingDifferences.between(Map.of("features", "a,b"), Map.of("features", "a,c")), "short lists in full");
  }

  @Test
  void theOptimizerAndItsScheduleAreNamedAndUnknownSettingsKeepTheirNames() {
    assertEquals("--learning-rate-schedule: checkpoint constant, now step, --optimizer: checkpoint gd, now nesterov, "
        + "--step-every: checkpoint 100, now 20", SettingDifferences.between(Map.of("optimizer",
            "gd batch 1.0 constant every 100 seed 1 validation 0.0"), Map.of("optimizer",
            "nesterov batch 1.0 step every 20 seed 1 validation 0.0")));
    assertEquals("--batch-run-rows: checkpoint (not set), now 64", SettingDifferences.between(
        Map.of("optimizer", "gd batch 0.01 constant every 100 seed 1 validation 0.0 evaluate every 10"),
        Map.of("optimizer", "gd batch 0.01 constant every 100 seed 1 validation 0.0 evaluate every 10 runs of 64")));
    assertEquals("--shuffle-rows: checkpoint on, now off", SettingDifferences.between(
        Map.of("optimizer", "gd batch 0.01 constant every 100 seed 1 validation 0.0 evaluate every 10 runs of 64 "
            + "shuffled"),
        Map.of("optimizer", "gd batch 0.01 constant every 100 seed 1 validation 0.0 evaluate every 10 runs of 64")));
    assertEquals("--average-from: checkpoint 0, now 30", SettingDifferences.between(
        Map.of("optimizer", "gd batch 0.01 constant every 100 seed 1 validation 0.0 evaluate every 10"),
        Map.of("optimizer", "gd batch 0.01 constant every 100 seed 1 validation 0.0 evaluate every 10 averaged from "
            + "30")));
    assertEquals("the checkpoint holds parameters of raw features, as trainers before 2026-12-03 kept them with "
        + "--standardize false and an automatic --learning-rate; this trainer's are of scaled ones",
        SettingDifferences.between(Map.of(), Map.of("optimizedOn", "scaled")));
    assertEquals("--fit-intercept: checkpoint false, now true", SettingDifferences.between(
        Map.of("fitIntercept", "false"), Map.of()), "written only when false");
    assertEquals("--zero-based: checkpoint false, now true", SettingDifferences.between(Map.of(),
        Map.of("zeroBased", "true")), "written only when true");
    assertEquals("--weight-col: checkpoint (none), now w", SettingDifferences.between(Map.of(),
        Map.of("weight", "w")), "written only when given");
    assertEquals("--weight-col: checkpoint w, now (none)", SettingDifferences.between(Map.of("weight", "w"),
        Map.of()));
    assertEquals("--class-weight: checkpoint balanced, now (none)", SettingDifferences.between(
        Map.of("classWeight", "balanced"), Map.of()), "written only when given");
    assertEquals("--class-weight: checkpoint balanced, now 1,5", SettingDifferences.between(
        Map.of("classWeight", "balanced"), Map.of("classWeight", "1,5")));
  }

  /** --classes, held only when not 0,1: a resume without it names the default (it read "classes: ..., now (not set)"). */
  @Test
  void classesAreNamedByTheirFlagWithTheDefault() {
    assertEquals("--classes: checkpoint -1,1, now 0,1", SettingDifferences.between(Map.of("classes", "-1,1"),
        Map.of()));
  }

  /**
   * optimizedOn follows from --standardize false and an automatic rate: where those differ they are the difference
   * (a user review of resumes was told "optimizedOn: checkpoint (not set), now scaled features" beside
   * "--standardize: checkpoint true, now false"); alone, it is a checkpoint of a trainer before 2026-12-03.
   */
  @Test
  void theScaledParametersOfAnAutomaticRateAreToldOnlyWhenTheFlagsDoNotSayIt() {
    String scaled = "scaled features (trainers before 2026-12-03 used raw ones here)";
    assertEquals("--standardize: checkpoint true, now false", SettingDifferences.between(
        Map.of("standardize", "true", "learningRate", "auto"),
        Map.of("standardize", "false", "learningRate", "auto", "optimizedOn", scaled)));
    assertEquals("--learning-rate: checkpoint auto, now 0.05", SettingDifferences.between(
        Map.of("standardize", "false", "learningRate", "auto", "optimizedOn", scaled),
        Map.of("standardize", "false", "learningRate", "0.05")));
    assertEquals("the checkpoint holds parameters of raw features, as trainers before 2026-12-03 kept them with "
        + "--standardize false and an automatic --learning-rate; this trainer's are of scaled ones",
        SettingDifferences.between(Map.of("standardize", "false", "learningRate", "auto"),
            Map.of("standardize", "false", "learningRate", "auto", "optimizedOn", scaled)));
  }
}
