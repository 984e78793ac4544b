"""What `walkstats describe FILE` computes, with pandas: read the long CSV, then n, missing, mean, SD and
median per arm x timepoint x outcome. Used by benchmarks/bench.py for the reading benchmark."""
import sys
import pandas as pd

d = pd.read_csv(sys.argv[1], na_values=["", "NA", "NaN"], keep_default_na=False)
g = d.groupby(["arm", "timepoint", "outcome"])["value"]
s = pd.DataFrame({"n": g.count(), "missing": g.size() - g.count(), "mean": g.mean(), "sd": g.std(), "median": g.median()})
print(len(s), "cells")
