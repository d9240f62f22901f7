#!/usr/bin/env python3
"""Passes over the data each optimizer and batch fraction needs to reach a given accuracy (docs/CONVERGENCE.md).

    python3 scripts/measure_convergence.py [--rows 200000] [--features 20] [--master 'local[2]']
                                           [--only TEXT] [--resident-tasks]

For each data set (the bundled 8-feature sample-data/correlated.csv, and a generated one) it first solves the
problem tightly with lbfgs (gradient norm 1e-12) for the reference objective f*, then runs every optimizer and
batch fraction and reads history.csv: the passes (and seconds) at the first evaluation whose objective is within
1e-3 and 1e-6 of f*, relatively. Mini-batch runs evaluate the full objective every 10 iterations (those
evaluation passes are not counted: the passes column counts only what the optimizer read). It ends with the
learning-rate question: gd at multiples of the auto step. Prints Markdown tables. --only TEXT keeps the rows whose
label holds TEXT (and skips the learning-rate table); --resident-tasks passes that flag to every run.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUBMIT = os.path.join(HERE, "submit.sh")


def train(master, data, out, *flags):
    cmd = [SUBMIT, "--master", master, "--data", data, "--output", out, "--overwrite", "--no-plots", "--quiet",
           "--tol", "0", *flags]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        return None, (r.stderr.strip().splitlines() or ["exit %d" % r.returncode])[-1]
    with open(os.path.join(out, "model.json")) as f:
        model = json.load(f)
    with open(os.path.join(out, "history.csv")) as f:
        history = list(csv.DictReader(f))
    return (model, history), None


def first_within(history, best, gap):
    for row in history:
        if (float(row["objective"]) - best) <= gap * abs(best):
            return float(row["passes"]), float(row["seconds"])
    return None


def cell(hit):
    return "-" if hit is None else "%g passes, %.1f s" % hit


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", type=int, default=200000)
    p.add_argument("--features", type=int, default=20)
    p.add_argument("--master", default="local[2]")
    p.add_argument("--only", default="", help="only the rows whose label holds this text; no learning-rate table")
    p.add_argument("--resident-tasks", action="store_true", help="pass --resident-tasks to every run")
    a = p.parse_args()
    extra = ["--resident-tasks"] if a.resident_tasks else []
    tmp = tempfile.mkdtemp(prefix="convergence-")
    generated = os.path.join(tmp, "generated")
    r = subprocess.run([SUBMIT, "--master", a.master, "generate", "--rows", str(a.rows), "--features",
                        str(a.features), "--noise", "1.0", "--seed", "3", "--format", "parquet", "--output",
                        generated], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("generate failed: " + r.stderr)
    datasets = [("sample-data/correlated.csv (4,000 x 8, neighbours correlated 0.8)",
                 os.path.join(HERE, "sample-data", "correlated.csv")),
                ("generated %d x %d (independent features, noise 1.0)" % (a.rows, a.features), generated)]
    runs = [("gd", ["--optimizer", "gd", "--epochs", "3000"]),
            ("nesterov", ["--optimizer", "nesterov", "--epochs", "1000"]),
            ("lbfgs", ["--optimizer", "lbfgs", "--epochs", "300"]),
            ("gd, batch 0.1, inverse-sqrt", ["--optimizer", "gd", "--batch-fraction", "0.1",
                                             "--learning-rate-schedule", "inverse-sqrt", "--epochs", "1000",
                                             "--log-every", "10"]),
            ("gd, batch 0.01, inverse-sqrt", ["--optimizer", "gd", "--batch-fraction", "0.01",
                                              "--learning-rate-schedule", "inverse-sqrt", "--epochs", "3000",
                                              "--log-every", "10"]),
            ("gd, batch 0.1, constant", ["--optimizer", "gd", "--batch-fraction", "0.1", "--epochs", "1000",
                                         "--log-every", "10"]),
            ("nesterov, batch 0.1, inverse-sqrt", ["--optimizer", "nesterov", "--batch-fraction", "0.1",
                                                   "--learning-rate-schedule", "inverse-sqrt", "--epochs",
                                                   "1000", "--log-every", "10"])]
    runs += [(label + ", runs of 64", flags + ["--batch-run-rows", "64"]) for label, flags in runs
             if "--batch-fraction" in flags]
    print("Master %s%s. Gap = (objective - f*) / f*, f* from lbfgs to a gradient norm of 1e-12.\n"
          % (a.master, ", --resident-tasks" if extra else ""))
    for name, data in datasets:
        ref, err = train(a.master, data, os.path.join(tmp, "ref"), "--optimizer", "lbfgs", "--epochs", "1000",
                         "--gradient-tol", "1e-12")
        if ref is None:
            sys.exit("reference run failed: " + err)
        best = ref[0]["finalObjective"]
        print("**%s**: f* = %.10g\n" % (name, best))
        print("| optimizer | passes to gap 1e-3 | passes to gap 1e-6 | final gap | epochs run |")
        print("|---|---|---|---|---|")
        for label, flags in runs:
            if a.only not in label:
                continue
            res, err = train(a.master, data, os.path.join(tmp, "run"), "--gradient-tol", "1e-10", *flags, *extra)
            if res is None:
                print("| %s | failed: %s | | | |" % (label, err[:80]))
                continue
            model, history = res
            final_gap = (model["finalObjective"] - best) / abs(best)
            print("| %s | %s | %s | %.2e | %d |" % (label, cell(first_within(history, best, 1e-3)),
                                                  cell(first_within(history, best, 1e-6)), final_gap,
                                                  model["epochs"]))
        print()
    if a.only:
        return
    # the learning-rate question, on the correlated sample
    data = datasets[0][1]
    auto, err = train(a.master, data, os.path.join(tmp, "auto"), "--epochs", "1")
    rate = auto[0]["learningRate"]
    ref, _ = train(a.master, data, os.path.join(tmp, "ref"), "--optimizer", "lbfgs", "--epochs", "1000",
                   "--gradient-tol", "1e-12")
    best = ref[0]["finalObjective"]
    print("**Learning rate** (gd on %s; auto = 1/L = %.6g)\n" % (datasets[0][0], rate))
    print("| learning rate | passes to gap 1e-6 | outcome |")
    print("|---|---|---|")
    for mult in (0.25, 1.0, 1.5, 1.9, 2.1):
        res, err = train(a.master, data, os.path.join(tmp, "lr"), "--learning-rate", repr(rate * mult),
                         "--epochs", "3000", "--gradient-tol", "1e-10")
        if res is None:
            print("| %.2f x auto | - | %s |" % (mult, err[:110]))
        else:
            print("| %.2f x auto | %s | %s after %d epochs |" % (mult, cell(first_within(res[1], best, 1e-6)),
                                                               res[0]["stopReason"], res[0]["epochs"]))


if __name__ == "__main__":
    main()
