"""Writes a large long-format participant CSV for the reading benchmark (`make bench`): 41,667 participants
x 4 visits x 6 outcomes = 1,000,008 rows, about 39 MB, seeded so every run writes the same bytes.

Usage: python3 benchmarks/make-large-trial.py OUT.csv [--participants N]
"""
import argparse, random

parser = argparse.ArgumentParser()
parser.add_argument("output")
parser.add_argument("--participants", type=int, default=41667)
args = parser.parse_args()

rng = random.Random(20261130)
visits = ["baseline", "week4", "week8", "week12"]
# outcome, baseline mean, sd, decimals, low, high
outcomes = [("pain_nrs", 6.0, 1.8, 0, 0, 10), ("womac_total", 40.0, 12.0, 0, 0, 96),
            ("quad_strength", 80.0, 20.0, 1, 0, None), ("walking_speed", 1.05, 0.2, 2, 0, None),
            ("tug", 11.5, 2.2, 1, 0, None), ("quad_activation", 82.0, 8.0, 1, 0, 100)]
with open(args.output, "w", newline="") as out:
    out.write("participant,arm,timepoint,outcome,value\n")
    for p in range(1, args.participants + 1):
        pid = f"P{p:06d}"
        arm = "backward" if p % 2 else "forward"
        for v, visit in enumerate(visits):
            for name, mean, sd, decimals, low, high in outcomes:
                if v > 0 and rng.random() < 0.03:
                    out.write(f"{pid},{arm},{visit},{name},NA\n")
                    continue
                x = rng.gauss(mean, sd)
                x = max(low, x) if low is not None else x
                x = min(high, x) if high is not None else x
                out.write(f"{pid},{arm},{visit},{name},{x:.{decimals}f}\n")
