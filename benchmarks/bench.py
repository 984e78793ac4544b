"""Times `walkstats report` against R (and scipy for the tests it has) on the same data, side by side,
and prints the ratios. Not part of `make test` (no timing assertions); run with `make bench`.

Each contender runs as a whole process, as a user would run it, `--repeat` times; the median wall time
is reported. R's time includes loading effectsize and car; scipy's includes importing scipy.
"""
import argparse, statistics, subprocess, sys, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent
parser = argparse.ArgumentParser()
parser.add_argument("--walkstats", default=str(root / ".build" / "release" / "walkstats"))
parser.add_argument("--repeat", type=int, default=5)
args = parser.parse_args()

SCIPY = r'''
import csv, sys
from scipy import stats
rows = list(csv.DictReader(open(sys.argv[1])))
value = {}
for r in rows:
    if r["value"] not in ("", "NA", "NaN"):
        value[(r["participant"], r["outcome"], r["timepoint"])] = float(r["value"])
arm_of = {r["participant"]: r["arm"] for r in rows}
tps = list(dict.fromkeys(r["timepoint"] for r in rows)); arms = sys.argv[2:4]; n = 0
for out in dict.fromkeys(r["outcome"] for r in rows):
    change = {}
    for arm in dict.fromkeys(arm_of.values()):
        ids = [p for p in arm_of if arm_of[p] == arm and (p, out, tps[0]) in value and (p, out, tps[-1]) in value]
        pre = [value[(p, out, tps[0])] for p in ids]; post = [value[(p, out, tps[-1])] for p in ids]
        stats.ttest_rel(post, pre); stats.wilcoxon(post, pre); stats.shapiro([b - a for a, b in zip(pre, post)]); n += 3
        change[arm] = [b - a for a, b in zip(pre, post)]
    a, b = change[arms[0]], change[arms[1]]
    stats.ttest_ind(a, b, equal_var=False); stats.ttest_ind(a, b); stats.mannwhitneyu(a, b); stats.levene(a, b, center="median"); n += 4
print(n, "results")
'''

datasets = [("datasets/sample/retro-walking-trial.csv", "backward", "forward"),
            ("datasets/sample/teaching-set.csv", "backward", "forward")]

def timed(command):
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=root, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    return statistics.median(times)

print(f"{'dataset':<32} {'walkstats report':>17} {'R (same analyses)':>18} {'ratio R/walkstats':>18} {'scipy (t, rank, Shapiro, Levene)':>33} {'ratio scipy/walkstats':>22}")
for path, a, b in datasets:
    ours = timed([args.walkstats, "report", path, "--arms", f"{a},{b}", "--format", "json"])
    r = timed(["Rscript", str(root / "benchmarks" / "report-equivalent.R"), path, a, b])
    scipy = timed([sys.executable, "-c", SCIPY, path, a, b])
    print(f"{Path(path).name:<32} {ours:>16.3f}s {r:>17.3f}s {r / ours:>18.1f} {scipy:>32.3f}s {scipy / ours:>22.1f}")
