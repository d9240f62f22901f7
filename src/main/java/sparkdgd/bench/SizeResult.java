package sparkdgd.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything measured for one size: the timings by {@link Measure} (a measure that was not run is absent),
 * the correctness check, and notes (for example partitions that did not fit in the cache).
 */
public record SizeResult(DataSpec spec, Map<Measure, Stats> timings, int plainThreads, int mllibIterations,
    CoefficientCheck check, List<String> notes) {
  public SizeResult {
    timings = timings.isEmpty() ? new EnumMap<>(Measure.class) : new EnumMap<>(timings);
    notes = List.copyOf(notes);
  }

  public Optional<Stats> get(Measure m) {
    return Optional.ofNullable(timings.get(m));
  }

  /** Median of {@code a} over median of {@code b}, when both were measured. */
  public Optional<Double> ratio(Measure a, Measure b) {
    return get(a).flatMap(x -> get(b).map(y -> x.median() / y.median()));
  }

  @Override
  public Map<Measure, Stats> timings() {
    return new EnumMap<>(timings);
  }
}
