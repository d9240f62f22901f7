package sparkdgd.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkdgd.data.InputListing;
import sparkdgd.loss.Metrics;
import sparkdgd.train.EpochRecord;

/**
 * The history that checkpoints carry, but for its last records, in files of their own beside them
 * ({@code history-000001-000512-1a2b3c4d.seg}), each written once and never changed: a checkpoint names the files
 * that hold the start of its history, in order, with their digests, and holds the records since itself. Written whole
 * into every checkpoint, the history made each one cost more than the last (46 MB, and 35 s for 60 checkpoints, at
 * 200,000 evaluations). The records a checkpoint holds go to a file once there are {@link #SPILL_RECORDS} of them,
 * merged with the last files while those hold no more records, as a binary counter carries: a history of n records is
 * in at most about log2(n / 256) files, each record is written about that many times, and a checkpoint holds fewer
 * than 256 records (a run of fewer evaluations writes no history file).
 */
final class HistoryFiles {
  static final String KIND = "spark-dgd history v1";
  /** How many records since the last history file a checkpoint holds before they go to a file of their own. */
  static final int SPILL_RECORDS = 256;
  private static final String WHAT = "a checkpoint's history file";

  /**
   * One file of a history: the evaluation records of epochs {@code firstEpoch} to {@code lastEpoch}, {@code records}
   * of them, whose body has the digest {@code sha256} (its first 8 characters are in the name: a file of the same
   * epochs written again, with other timings, by a run resumed from an earlier checkpoint has another name).
   */
  record Part(String file, int firstEpoch, int lastEpoch, int records, String sha256) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", file);
      m.put("firstEpoch", firstEpoch);
      m.put("lastEpoch", lastEpoch);
      m.put("records", records);
      m.put("sha256", sha256);
      return m;
    }

    static Part fromJson(JsonNode j) {
      return new Part(j.get("file").asText(), j.get("firstEpoch").asInt(), j.get("lastEpoch").asInt(),
          j.get("records").asInt(), j.get("sha256").asText());
    }
  }

  private final FileSystem fs;
  private final Path dir;
  private final ObjectMapper json;
  /** The parts of the newest checkpoint written or resumed from: they hold the first records of the next one's. */
  private List<Part> newest = List.of();

  HistoryFiles(FileSystem fs, Path dir, ObjectMapper json) {
    this.fs = fs;
    this.dir = dir;
    this.json = json;
  }

  /**
   * The parts that hold the start of {@code history}, the rest for the checkpoint to hold: the newest checkpoint's,
   * when they hold the first records of this one, and, once {@link #SPILL_RECORDS} or more follow them, those in a new
   * file, merged with the last parts while they are no larger.
   */
  List<Part> write(List<EpochRecord> history) throws IOException {
    List<Part> parts = new ArrayList<>(newest);
    if (!holdsTheStartOf(parts, history)) {
      parts.clear(); // not this history's first records: written again whole
    }
    int from = count(parts);
    if (history.size() - from >= SPILL_RECORDS) {
      while (!parts.isEmpty() && parts.get(parts.size() - 1).records() <= history.size() - from) {
        from -= parts.remove(parts.size() - 1).records();
      }
      List<EpochRecord> records = history.subList(from, history.size());
      byte[] body = json.writeValueAsBytes(toJson(records));
      String digest = InputListing.sha256(body);
      int first = records.get(0).epoch();
      int last = records.get(records.size() - 1).epoch();
      String name = String.format(Locale.ROOT, "history-%06d-%06d-%s.seg", first, last, digest.substring(0, 8));
      SignedFile.write(fs, new Path(dir, name), KIND, body);
      parts.add(new Part(name, first, last, records.size(), digest));
    }
    newest = List.copyOf(parts);
    return newest;
  }

  /** How many records {@code parts} hold: the history a checkpoint holds itself starts after them. */
  static int count(List<Part> parts) {
    int n = 0;
    for (Part p : parts) {
      n += p.records();
    }
    return n;
  }

  /** The records the files of {@code parts} hold, in order; an IOException when one is missing or is not the same. */
  List<EpochRecord> read(List<Part> parts) throws IOException {
    List<EpochRecord> history = new ArrayList<>();
    for (Part p : parts) {
      SignedFile.Body body;
      try {
        body = SignedFile.read(fs, new Path(dir, p.file()), List.of(KIND), WHAT);
      } catch (FileNotFoundException e) {
        throw new IOException("its history file " + p.file() + " is missing");
      } catch (IOException e) {
        throw new IOException("its history file " + p.file() + ": " + e.getMessage());
      }
      List<EpochRecord> records = records(json.readTree(body.bytes()));
      if (!body.sha256().equals(p.sha256()) || records.isEmpty() || records.size() != p.records()
          || records.get(0).epoch() != p.firstEpoch() || records.get(records.size() - 1).epoch() != p.lastEpoch()) {
        throw new IOException("its history file " + p.file() + " is not the one it was written with");
      }
      history.addAll(records);
    }
    return history;
  }

  /** The run goes on from a checkpoint of these parts: the next one's history starts with them. */
  void resumedFrom(List<Part> parts) {
    newest = List.copyOf(parts);
  }

  /** Deletes the history files among {@code entries} (a listing of the directory) that none of {@code kept} names. */
  void deleteAllBut(FileStatus[] entries, Set<String> kept) throws IOException {
    for (FileStatus s : entries) {
      String name = s.getPath().getName();
      if (isHistoryName(name) && !kept.contains(name)) {
        fs.delete(s.getPath(), false);
      }
    }
  }

  static boolean isHistoryName(String name) {
    return name.startsWith("history-") && name.endsWith(".seg");
  }

  /** Whether the records of {@code parts} can be the first of {@code history}: as many or fewer, ending at its epoch. */
  private static boolean holdsTheStartOf(List<Part> parts, List<EpochRecord> history) {
    int n = count(parts);
    return n == 0 || n <= history.size() && history.get(n - 1).epoch() == parts.get(parts.size() - 1).lastEpoch();
  }

  static List<Map<String, Object>> toJson(List<EpochRecord> records) {
    List<Map<String, Object>> list = new ArrayList<>(records.size());
    for (EpochRecord r : records) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("epoch", r.epoch());
      h.put("passes", r.passes());
      h.put("objective", r.objective());
      h.put("gradientNorm", r.gradientNorm());
      h.put("seconds", r.seconds());
      h.put("train", r.train().values());
      if (r.validation() != null) {
        h.put("validation", r.validation().values());
      }
      list.add(h);
    }
    return list;
  }

  static List<EpochRecord> records(JsonNode array) {
    List<EpochRecord> history = new ArrayList<>(array.size());
    for (JsonNode r : array) {
      history.add(new EpochRecord(r.get("epoch").asInt(), r.get("passes").asDouble(), r.get("objective").asDouble(),
          r.get("gradientNorm").asDouble(), r.get("seconds").asDouble(), metrics(r.get("train")),
          r.has("validation") ? metrics(r.get("validation")) : null));
    }
    return history;
  }

  private static Metrics metrics(JsonNode node) {
    Map<String, Double> values = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asDouble()));
    return new Metrics(values);
  }
}
