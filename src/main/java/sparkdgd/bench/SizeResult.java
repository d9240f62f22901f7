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

  /**
   * Fastest run of {@code a} over fastest run of {@code b}, when both were measured. Interference from outside
   * (other guests on the host, the JIT) only ever adds time, so on a shared machine the minima show what the
   * code can do and the medians what a run met.
   */
  public Optional<Double> ratioOfMinima(Measure a, Measure b) {
    return get(a).flatMap(x -> get(b).map(y -> x.min() / y.min()));
  }

  /**
   * The median over rounds of {@code a}'s run over {@code b}'s run in the same round ({@link Stats#pairedRatio}),
   * when both were measured in the same turns.
   */
  public Optional<Double> pairedRatio(Measure a, Measure b) {
    return get(a).flatMap(x -> get(b).flatMap(x::pairedRatio));
  }

  @Override
  public Map<Measure, Stats> timings() {
    return new EnumMap<>(timings);
  }
}
