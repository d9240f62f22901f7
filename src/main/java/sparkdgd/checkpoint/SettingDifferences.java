package sparkdgd.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a checkpoint was taken with that differ from a run's, named by their flags: {@code --reg-param:
 * checkpoint 0.0, now 0.1}. A fingerprint keeps some settings as one string of several (a record's
 * {@code LossSettings[loss=squared, regParam=0.0, ...]}, or the optimizer's {@code gd batch 0.5 constant every 100
 * seed 42 ...}); those strings are part of the digest, so they stay as they were written, and are taken apart here
 * to show only the parts that differ.
 */
final class SettingDifferences {
  private static final Pattern RECORD = Pattern.compile("\\w+\\[(.*)]");
  /**
   * The partitions' setting: --partitions, or, without it, the count the run chose from the input's splits and Spark's
   * default parallelism, the master's cores (a review's resume was told "--partitions: checkpoint 4, now 2" where
   * neither run had been given the flag).
   */
  private static final String PARTITIONS = "--partitions (or, without it, the count chosen from the input and the "
      + "master's cores)";
  /** Settings, and fields of the settings written as records, by the flag that sets them. */
  private static final Map<String, String> FLAGS = Map.ofEntries(
      Map.entry("format", "--format"), Map.entry("label", "--label-col"), Map.entry("features", "--features"),
      Map.entry("standardize", "--standardize"), Map.entry("partitions", PARTITIONS),
      Map.entry("blockRows", "--block-rows"), Map.entry("learningRate", "--learning-rate"),
      Map.entry("fitIntercept", "--fit-intercept"), Map.entry("loss", "--loss"),
      Map.entry("huberDelta", "--huber-delta"), Map.entry("regParam", "--reg-param"),
      Map.entry("elasticNet", "--elastic-net"), Map.entry("numFeatures", "--num-features"),
      Map.entry("onBadRecord", "--on-bad-record"), Map.entry("header", "--header"),
      Map.entry("delimiter", "--delimiter"), Map.entry("precision", "--precision"),
      Map.entry("zeroBased", "--zero-based"), Map.entry("classes", "--classes"), Map.entry("weight", "--weight-col"),
      Map.entry("classWeight", "--class-weight"));
  /** The optimizer's string, word by word: the flag a value follows ({@code seed 42}: --seed). */
  private static final Map<String, String> OPTIMIZER_WORDS = Map.of("batch", "--batch-fraction", "every",
      "--step-every", "seed", "--seed", "validation", "--validation-fraction", "of", "--batch-run-rows", "from",
      "--average-from");

  /**
   * The setting a fingerprint holds when the optimizer works on scaled features but the user did not ask for them
   * ({@code --standardize false} with an automatic rate): it follows from those two flags, and tells apart only a
   * checkpoint of a trainer before 2026-12-03, which worked on raw ones there.
   */
  private static final String OPTIMIZED_ON = "optimizedOn";
  private static final String OLD_RAW_PARAMETERS = "the checkpoint holds parameters of raw features, as trainers "
      + "before 2026-12-03 kept them with --standardize false and an automatic --learning-rate; this trainer's are "
      + "of scaled ones";

  /** Settings a fingerprint holds only when they are not their default, and that default. */
  private static final Map<String, String> UNLESS_DEFAULT = Map.of("fitIntercept", "true", "zeroBased", "false",
      "classes", "0,1", "weight", "(none)", "classWeight", "(none)");

  private SettingDifferences() {}

  /** The differences, checkpoint against now, in the settings' order; empty when the settings agree. */
  static String between(Map<String, String> checkpoint, Map<String, String> now) {
    List<String> out = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(now.keySet());
    keys.addAll(checkpoint.keySet());
    for (String key : keys) {
      String was = checkpoint.get(key);
      String is = now.get(key);
      if (Objects.equals(was, is)) {
        continue;
      }
      if (key.equals(OPTIMIZED_ON)) {
        if (Objects.equals(checkpoint.get("standardize"), now.get("standardize"))
            && Objects.equals(checkpoint.get("learningRate"), now.get("learningRate"))) {
          out.add(was == null ? OLD_RAW_PARAMETERS : line("parameters", was, is)); // else the flags that differ say it
        }
        continue;
      }
      Map<String, String[]> parts = was == null || is == null ? Map.of() : parts(key, was, is);
      if (key.equals("features") && was != null && is != null && Math.max(was.length(), is.length()) > LONG_NAMES) {
        out.add(featureNames(was, is));
      } else if (parts.isEmpty()) {
        out.add(line(FLAGS.getOrDefault(key, key), was == null ? UNLESS_DEFAULT.get(key) : was,
            is == null ? UNLESS_DEFAULT.get(key) : is));
      } else {
        parts.forEach((flag, values) -> out.add(line(flag, values[0], values[1])));
      }
    }
    return String.join(", ", out);
  }

  /** Feature names longer than this (joined) are told by their count and the first that differs, not listed. */
  static final int LONG_NAMES = 200;

  /** {@code --features: checkpoint 3,000,000 names, now 3,000,001; name 3,000,001 is (none) there, x3000001 now}. */
  private static String featureNames(String was, String is) {
    String[] a = was.split(",", -1);
    String[] b = is.split(",", -1);
    int first = 0;
    while (first < Math.min(a.length, b.length) && a[first].equals(b[first])) {
      first++;
    }
    return String.format(Locale.ROOT, "--features: checkpoint %,d names, now %,d; name %,d is %s there, %s now",
        a.length, b.length, first + 1, first < a.length ? a[first] : "(none)", first < b.length ? b[first] : "(none)");
  }

  private static String line(String name, String was, String is) {
    return name + ": checkpoint " + (was == null ? "(not set)" : was) + ", now " + (is == null ? "(not set)" : is);
  }

  /** The parts of two values of one setting that differ, by flag; empty when they cannot be taken apart. */
  private static Map<String, String[]> parts(String key, String was, String is) {
    Matcher a = RECORD.matcher(was);
    Matcher b = RECORD.matcher(is);
    if (a.matches() && b.matches()) {
      return differing(fields(a.group(1)), fields(b.group(1)));
    }
    if (key.equals("optimizer")) {
      return differing(words(was), words(is));
    }
    return Map.of();
  }

  /** {@code loss=squared, huberDelta=1.0} as its fields (a value may be a comma: {@code delimiter=,}). */
  private static Map<String, String> fields(String body) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String field : body.split(", (?=\\w+=)")) {
      int eq = field.indexOf('=');
      m.put(FLAGS.getOrDefault(field.substring(0, eq), field.substring(0, eq)), field.substring(eq + 1));
    }
    return m;
  }

  /** {@code gd batch 0.5 constant every 100 seed 42 ...} as flag and value. */
  private static Map<String, String> words(String value) {
    String[] w = value.split(" ");
    Map<String, String> m = new LinkedHashMap<>();
    m.put("--optimizer", w[0]);
    m.put("--shuffle-rows", "off"); // a word of its own, written when on
    m.put("--average-from", "0"); // written when given
    for (int i = 1; i < w.length; i++) {
      if (w[i].equals("shuffled")) {
        m.put("--shuffle-rows", "on");
      }
      String flag = OPTIMIZER_WORDS.get(w[i - 1]);
      if (w[i - 1].equals("every") && i >= 2 && w[i - 2].equals("evaluate")) {
        flag = "--log-every";
      } else if (i == 3) {
        flag = "--learning-rate-schedule";
      }
      if (flag != null) {
        m.put(flag, w[i]);
      }
    }
    return m;
  }

  private static Map<String, String[]> differing(Map<String, String> was, Map<String, String> is) {
    Map<String, String[]> out = new LinkedHashMap<>();
    TreeSet<String> flags = new TreeSet<>(was.keySet());
    flags.addAll(is.keySet());
    for (String flag : flags) {
      if (!Objects.equals(was.get(flag), is.get(flag))) {
        out.put(flag, new String[] {was.get(flag), is.get(flag)});
      }
    }
    return out;
  }
}
