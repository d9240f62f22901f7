package sparkdgd.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled sample data is exactly what the generator in the repository writes. */
class SampleDataTest {
  @Test
  void bundledFilesAreReproducedByTheGenerator(@TempDir Path tmp) throws Exception {
    SampleData.main(new String[] {tmp.toString()});
    for (String name : new String[] {"tutorial.csv", "correlated.csv", "correlated.truth.json"}) {
      assertArrayEquals(Files.readAllBytes(Path.of("sample-data", name)), Files.readAllBytes(tmp.resolve(name)), name);
    }
  }
}
