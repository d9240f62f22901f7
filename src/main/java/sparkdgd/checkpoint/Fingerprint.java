package sparkdgd.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;

/**
 * What a checkpoint must match to be resumed: the input files (path, length, modification time) and
 * every setting that changes the arithmetic of training. Settings that only change when it stops or
 * what it prints (--epochs, --tol, --log-every, --output) are left out, so a run can be extended.
 */
public record Fingerprint(String digest, Map<String, String> settings) {

  public static Fingerprint of(List<FileStatus> files, Map<String, String> trainingSettings) {
    Map<String, String> all = new TreeMap<>(trainingSettings);
    StringBuilder fileList = new StringBuilder();
    for (FileStatus f : files) {
      fileList.append(f.getPath()).append(' ').append(f.getLen()).append(' ').append(f.getModificationTime())
          .append('\n');
    }
    all.put("files", Integer.toString(files.size()));
    String input = fileList + all.toString();
    return new Fingerprint(sha256(input.getBytes(StandardCharsets.UTF_8)), all);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The settings that differ between this fingerprint and {@code other}, for the refusal message. */
  public String differencesFrom(Fingerprint other) {
    StringBuilder sb = new StringBuilder();
    TreeMap<String, String> keys = new TreeMap<>(settings);
    other.settings.forEach(keys::putIfAbsent);
    for (String k : keys.keySet()) {
      String mine = settings.get(k);
      String theirs = other.settings.get(k);
      if (mine == null ? theirs != null : !mine.equals(theirs)) {
        sb.append(sb.length() == 0 ? "" : ", ").append(k).append(": checkpoint ").append(theirs == null ? "(not set)"
            : theirs).append(", now ").append(mine == null ? "(not set)" : mine);
      }
    }
    return sb.length() == 0 ? "the input files (names, sizes or modification times) changed" : sb.toString();
  }
}
