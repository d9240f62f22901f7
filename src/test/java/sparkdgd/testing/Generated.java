package sparkdgd.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads a generated directory back with plain Java: the CSV part files in order, and _truth.json. */
public final class Generated {
  private Generated() {}

  /** The visible part files of a generated directory, sorted by name. */
  public static List<Path> parts(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }

  /** Every row of the CSV part files (each with its header), in file order. */
  public static Dataset readCsvDir(Path dir) throws IOException {
    List<double[]> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    List<String> names = null;
    for (Path f : parts(dir)) {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      String[] header = lines.get(0).split(",");
      names = List.of(header).subList(0, header.length - 1);
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",");
        double[] x = new double[cells.length - 1];
        for (int j = 0; j < x.length; j++) {
          x[j] = Double.parseDouble(cells[j]);
        }
        xs.add(x);
        ys.add(Double.parseDouble(cells[cells.length - 1]));
      }
    }
    return new Dataset(xs.toArray(new double[0][]), ys.stream().mapToDouble(Double::doubleValue).toArray(), names);
  }

  public static JsonNode truth(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve("_truth.json").toFile());
  }

  /** {@code [w.., b]} from a model.json or _truth.json. */
  public static double[] coefficientsAndIntercept(JsonNode json) {
    JsonNode c = json.get("coefficients");
    double[] out = new double[c.size() + 1];
    for (int j = 0; j < c.size(); j++) {
      out[j] = c.get(j).asDouble();
    }
    out[c.size()] = json.get("intercept").asDouble();
    return out;
  }
}
