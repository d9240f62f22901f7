#!/usr/bin/env python3
"""Question 3 (what if gradients are not aggregated, or aggregated the tutorial's way).

Runs the tutorial's loop (w, b from zero, fixed learning rate, raw units) on sample-data/tutorial.csv
with four ways of combining the per-split gradients, in plain Python (no numpy), and prints one
Markdown table row per rule: final MSE over all rows, w, b.

  global mean      (2/n) sum over all rows            -- what spark-dgd does (partition sums / n)
  sum of means     sum over splits of each split's mean gradient -- the tutorial's code
  one split only   the first split's mean gradient, never aggregated
Splits are np.array_split-like (equal) or uneven (10%, 20%, 30%, 40%).

  python3 scripts/aggregation_rules.py [PROCESSES] [EPOCHS] [RATE]     default: 4 100 0.01
"""
import os
import sys


def read(path):
    with open(path) as f:
        header = f.readline().strip().split(",")
        assert header == ["x", "y"], header
        rows = [tuple(float(v) for v in line.split(",")) for line in f if line.strip()]
    return [r[0] for r in rows], [r[1] for r in rows]


def splits(n, parts, uneven):
    if uneven:
        weights = list(range(1, parts + 1))
        sizes = [n * w // sum(weights) for w in weights]
        sizes[-1] += n - sum(sizes)
    else:
        sizes = [n // parts + (1 if i < n % parts else 0) for i in range(parts)]
    out, start = [], 0
    for s in sizes:
        out.append((start, start + s))
        start += s
    return out


def mean_gradient(x, y, w, b, lo, hi):
    m = hi - lo
    dw = db = 0.0
    for i in range(lo, hi):
        r = w * x[i] + b - y[i]
        dw += r * x[i]
        db += r
    return 2 * dw / m, 2 * db / m


def mse(x, y, w, b):
    return sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) / len(x)


def train(x, y, rule, parts, epochs, rate, uneven):
    n = len(x)
    ranges = splits(n, parts, uneven)
    w = b = 0.0
    for _ in range(epochs):
        if rule == "global mean":
            dw, db = mean_gradient(x, y, w, b, 0, n)
        elif rule == "sum of means":
            grads = [mean_gradient(x, y, w, b, lo, hi) for lo, hi in ranges]
            dw, db = sum(g[0] for g in grads), sum(g[1] for g in grads)
        else:  # one split only
            dw, db = mean_gradient(x, y, w, b, *ranges[0])
        w, b = w - rate * dw, b - rate * db
    return mse(x, y, w, b), w, b


def main():
    parts = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    rate = float(sys.argv[3]) if len(sys.argv) > 3 else 0.01
    here = os.path.dirname(os.path.abspath(__file__))
    x, y = read(os.path.join(here, "..", "sample-data", "tutorial.csv"))
    print(f"{len(x)} rows, {parts} splits, {epochs} epochs, learning rate {rate}")
    print()
    print("| rule | splits | final MSE | w | b |")
    print("|---|---|---|---|---|")
    for rule in ("global mean", "sum of means", "one split only"):
        for uneven in (False, True):
            if rule == "global mean" and uneven:
                continue  # does not depend on the split
            m, w, b = train(x, y, rule, parts, epochs, rate, uneven)
            print(f"| {rule} | {'uneven 1:2:..' if uneven else 'equal'} | {m:.8g} | {w:.6f} | {b:.6f} |")


if __name__ == "__main__":
    main()
