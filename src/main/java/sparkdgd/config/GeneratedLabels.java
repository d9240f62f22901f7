package sparkdgd.config;

import java.util.Locale;

/**
 * How {@code generate} makes a row's label from its features: a regression's {@code y = w.x + b + noise * N(0,1)},
 * or a classification's {@code y} in {0, 1}, 1 with the logistic model's probability {@code 1 / (1 + exp(-(w.x + b)))}
 * (the data {@code train --loss logistic} fits: its weights are the maximum-likelihood estimate of w and b).
 */
public enum GeneratedLabels {
  LINEAR("linear"),
  LOGISTIC("logistic");

  private final String name;

  GeneratedLabels(String name) {
    this.name = name;
  }

  /** Parses a {@code --labels} value; throws IllegalArgumentException naming the allowed values. */
  public static GeneratedLabels parse(String value) {
    for (GeneratedLabels l : values()) {
      if (l.name.equals(value.trim().toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    throw new IllegalArgumentException("--labels must be linear or logistic, got \"" + value + "\"");
  }

  @Override
  public String toString() {
    return name;
  }
}
