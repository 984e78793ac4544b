"""Times `walkstats report` against R (and scipy for the tests it has) on the same data, side by side,
and prints the ratios; then times reading and describing a 1,000,008-row long CSV (written by the seeded
`benchmarks/make-large-trial.py`) against R's data.table (`fread` plus grouped n, mean, SD, median) and
pandas, with each process's peak memory, and the same rows as an Excel workbook against the CSV. Not part of `make test` (no timing assertions); run with
`make bench`.

Each contender runs as a whole process, as a user would run it, `--repeat` times; the median wall time
is reported. The 1M-row contenders run alternately (one run of each in turn), so a slow spell of the shared
machine falls on all of them. R's time includes loading effectsize and car; scipy's includes importing scipy.
"""
import argparse, statistics, subprocess, sys, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent
parser = argparse.ArgumentParser()
parser.add_argument("--walkstats", default=str(root / ".build" / "release" / "walkstats"))
parser.add_argument("--repeat", type=int, default=5)
parser.add_argument("--python", default=str(root / ".venv" / "bin" / "python"), help="a Python with pandas (make notebooks makes .venv)")
parser.add_argument("--large", default="/tmp/walkstats-large-trial.csv", help="where to write the 1M-row file")
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


# Reading: the 1M-row long file, whole processes, median wall time and the largest peak resident memory.
import os

def timed_memory(command):
    times, peaks = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        _, err = process.communicate()
        times.append(time.perf_counter() - start)
        if process.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{err}")
    return statistics.median(times)

def timed_alternately(commands):
    """The median wall time of each command, run in turn `--repeat` times (A, B, A, B, ...), so that a slower
    spell of a shared machine falls on every contender rather than on one."""
    times = [[] for _ in commands]
    for _ in range(args.repeat):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            _, err = process.communicate()
            times[index].append(time.perf_counter() - start)
            if process.returncode != 0:
                sys.exit(f"failed: {' '.join(command)}\n{err}")
    return [statistics.median(t) for t in times]

def peak_memory_mb(command):
    """Peak resident memory of one run, from /usr/bin/time -v (kB)."""
    result = subprocess.run(["/usr/bin/time", "-v"] + command, cwd=root, capture_output=True, text=True)
    for line in result.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.split(":")[1]) / 1024
    return float("nan")

if not Path(args.large).exists():
    subprocess.run([sys.executable, str(root / "benchmarks" / "make-large-trial.py"), args.large], check=True)
size_mb = Path(args.large).stat().st_size / 1e6
contenders = [("walkstats describe", [args.walkstats, "describe", args.large, "--format", "json"]),
              ("R data.table", ["Rscript", str(root / "benchmarks" / "describe-equivalent.R"), args.large])]
if Path(args.python).exists():
    contenders.append(("pandas", [args.python, str(root / "benchmarks" / "describe-equivalent.py"), args.large]))
print()
print(f"reading and describing {Path(args.large).name}: 1,000,008 rows, {size_mb:.1f} MB (same run, whole processes)")
print(f"{'contender':<22} {'time':>8} {'peak memory':>12} {'memory / file':>14} {'time / data.table':>18}")
medians = timed_alternately([command for _, command in contenders])
results = [(name, seconds, peak_memory_mb(command)) for (name, command), seconds in zip(contenders, medians)]
reference = results[1][1]
for name, seconds, memory in results:
    print(f"{name:<22} {seconds:>7.2f}s {memory:>9.0f} MB {memory / size_mb:>14.2f} {seconds / reference:>18.2f}")

# Linear in rows: the same generator at a quarter of the participants.
quarter = str(Path(args.large).with_name("walkstats-quarter-trial.csv"))
if not Path(quarter).exists():
    subprocess.run([sys.executable, str(root / "benchmarks" / "make-large-trial.py"), quarter, "--participants", "10417"], check=True)
small = timed_memory([args.walkstats, "describe", quarter, "--format", "json"])
print(f"walkstats describe, 250,008 rows: {small:.2f}s; 1,000,008 rows: {results[0][1]:.2f}s "
      f"(x{results[0][1] / small:.1f} for x4 the rows)")

# Excel: the same 1,000,008 rows as a workbook (openpyxl write-only, inline strings; written by the committed
# make-large-xlsx.py from the seeded CSV), `walkstats describe` on both in the same run; the goal is within 3x.
large_xlsx = str(Path(args.large).with_suffix(".xlsx"))
if not Path(large_xlsx).exists():
    subprocess.run([sys.executable, str(root / "benchmarks" / "make-large-xlsx.py"), args.large, large_xlsx], check=True)
csv_time, xlsx_time = timed_alternately([[args.walkstats, "describe", args.large, "--format", "json"],
                                         [args.walkstats, "describe", large_xlsx, "--format", "json"]])
xlsx_memory = peak_memory_mb([args.walkstats, "describe", large_xlsx, "--format", "json"])
print()
print(f"walkstats describe, 1,000,008 rows: CSV {csv_time:.2f}s, xlsx ({Path(large_xlsx).stat().st_size / 1e6:.1f} MB) "
      f"{xlsx_time:.2f}s, {xlsx_memory:.0f} MB peak; xlsx / CSV = {xlsx_time / csv_time:.2f} (goal: within 3)")
