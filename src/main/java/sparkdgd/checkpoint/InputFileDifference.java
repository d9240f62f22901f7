package sparkdgd.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the input files a checkpoint was taken on differ from a run's, in words: which files are gone or new, or which
 * changed (size, modification time). The files are as {@link Fingerprint#of} lists them, one a line:
 * {@code path length modificationTime}.
 */
final class InputFileDifference {
  private InputFileDifference() {}

  /** The difference, or null when the lists are the same. */
  static String between(String checkpoint, String now) {
    if (checkpoint.equals(now)) {
      return null;
    }
    Map<String, String[]> was = parse(checkpoint);
    Map<String, String[]> is = parse(now);
    List<String> gone = new ArrayList<>(was.keySet());
    gone.removeAll(is.keySet());
    List<String> added = new ArrayList<>(is.keySet());
    added.removeAll(was.keySet());
    if (!gone.isEmpty() || !added.isEmpty()) {
      List<String> parts = new ArrayList<>();
      if (!gone.isEmpty()) {
        parts.add(gone.size() == was.size() ? "none of the checkpoint's " + files(was.size()) + " is in this run's "
            + "input (it was taken on " + gone.get(0) + (gone.size() > 1 ? " and " + (gone.size() - 1) + " more" : "")
            + ")" : files(gone.size()) + " of the checkpoint's input " + (gone.size() == 1 ? "is" : "are")
            + " not in this run's (" + gone.get(0) + (gone.size() > 1 ? ", ..." : "") + ")");
      }
      if (!added.isEmpty()) {
        parts.add("this run reads " + files(added.size()) + " the checkpoint did not (" + added.get(0)
            + (added.size() > 1 ? ", ..." : "") + ")");
      }
      return "the input files differ: " + String.join("; ", parts);
    }
    List<String> changed = new ArrayList<>();
    String[] first = null; // the path and the checkpoint's time of the first file that changed
    boolean timesOnly = true; // whether every file that changed kept its size
    for (Map.Entry<String, String[]> f : is.entrySet()) {
      String[] before = was.get(f.getKey());
      if (!before[0].equals(f.getValue()[0]) || !before[1].equals(f.getValue()[1])) {
        List<String> how = new ArrayList<>();
        if (!before[0].equals(f.getValue()[0])) {
          how.add("size " + before[0] + " -> " + f.getValue()[0] + " bytes");
        }
        if (!before[1].equals(f.getValue()[1])) {
          how.add("modified " + instant(before[1]) + " -> " + instant(f.getValue()[1]));
        }
        timesOnly &= before[0].equals(f.getValue()[0]);
        if (first == null) {
          first = new String[] {f.getKey(), before[1]};
        }
        changed.add(f.getKey() + " (" + String.join(", ", how) + ")");
      }
    }
    return "the input file " + changed.get(0) + " changed since the checkpoint"
        + (changed.size() > 1 ? ", and " + (changed.size() - 1) + " more" : "")
        + (timesOnly ? timesOnlyHint(changed.size(), first[0], first[1]) : "");
  }

  /**
   * What to do when only modification times changed, sizes the same (a copy without its times, a {@code touch}, a
   * download again): the fingerprint cannot tell the contents, so the file's old time must come back for a resume.
   */
  private static String timesOnlyHint(int files, String path, String millis) {
    String local = path.startsWith("file:") ? String.format(java.util.Locale.ROOT, " (for this local file: touch -d "
        + "@%s %s)", seconds(millis), path.substring("file:".length())) : "";
    return files == 1
        ? "; only its modification time changed: if its contents are the same (a copy or a touch), give it back its "
            + "time" + local + " to resume"
        : "; only their modification times changed: if their contents are the same (a copy or a touch), give them "
            + "back their times" + local.replace("this local file", "the first, a local file") + " to resume";
  }

  /** Milliseconds since the epoch as seconds with their fraction, {@code touch -d @S.mmm}'s form. */
  private static String seconds(String millis) {
    try {
      return java.math.BigDecimal.valueOf(Long.parseLong(millis), 3).toPlainString();
    } catch (NumberFormatException e) {
      return millis;
    }
  }

  /** The lines as path to {length, modification time}; a path may hold spaces, the two numbers do not. */
  private static Map<String, String[]> parse(String list) {
    Map<String, String[]> m = new LinkedHashMap<>();
    for (String line : list.split("\n")) {
      int time = line.lastIndexOf(' ');
      int length = time < 0 ? -1 : line.lastIndexOf(' ', time - 1);
      if (length > 0) {
        m.put(line.substring(0, length), new String[] {line.substring(length + 1, time), line.substring(time + 1)});
      }
    }
    return m;
  }

  private static String files(int n) {
    return n == 1 ? "1 file" : n + " files";
  }

  private static String instant(String millis) {
    try {
      return java.time.Instant.ofEpochMilli(Long.parseLong(millis)).toString();
    } catch (NumberFormatException e) {
      return millis;
    }
  }
}
