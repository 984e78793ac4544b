#!/usr/bin/env python3
# SIMULATED DATA. This script writes retro-walking-trial.csv, a made-up two-arm trial of backward
# (retro) walking vs forward walking in knee pain. No value comes from any real trial or person; the
# effect sizes are round numbers chosen to be plausible, not estimates from the literature.
#
# Deterministic: pure Python standard library, one random.Random(20261125) stream, fixed draw order.
# Run from anywhere:  python3 datasets/sample/generate.py
#
# Model (per participant i, outcome o, timepoint t with fraction f_t = 0, 0.5, 1 of the 6-week effect):
#   value = baseline_true[i,o] + f_t * response[i,o] + noise[i,o,t]
#   baseline_true shares a latent "severity" factor across outcomes (more pain, weaker, slower),
#   response = arm effect + individual variation, noise = measurement error.
# Then rounded (pain: integer, strength: 1 decimal, speed: 2 decimals) and clamped to valid ranges.
import json
import math
import os
import random

SEED = 20261125
N_BACKWARD = 24
N_FORWARD = 22
TIMEPOINTS = [("baseline", 0.0), ("week3", 0.5), ("week6", 1.0)]

# outcome: (unit, baseline mean, true-score SD, measurement-noise SD, loading on severity,
#           6-week effect backward, 6-week effect forward, individual response SD, decimals, lo, hi)
OUTCOMES = [
    ("pain_nrs", "NRS 0-10", 6.0, 1.3, 0.7, +0.5, -2.0, -1.0, 1.0, 0, 0.0, 10.0),
    ("quad_strength", "Nm", 95.0, 18.0, 8.0, -0.4, +10.0, +4.0, 5.0, 1, 20.0, None),
    ("walking_speed", "m/s", 1.05, 0.16, 0.07, -0.4, +0.08, +0.05, 0.05, 2, 0.20, None),
]

# Dropouts (all week6 values NA): one per arm. Scattered single NAs: 3 cells at week3 or week6.
N_SCATTERED_NA = 3


def round_half_up(x, decimals):
    """Rounds half away from zero at `decimals` places (values here are positive)."""
    scale = 10 ** decimals
    return math.floor(x * scale + 0.5) / scale


def fmt(x, decimals):
    if decimals == 0:
        return str(int(x))
    return f"{x:.{decimals}f}"


def main():
    rng = random.Random(SEED)

    # Arm allocation in a randomised-looking order. P001 is put in the backward arm so that
    # `backward` is the first arm in order of appearance (between-arm contrasts read backward - forward).
    arms = ["backward"] * N_BACKWARD + ["forward"] * N_FORWARD
    rng.shuffle(arms)
    if arms[0] != "backward":
        j = arms.index("backward")
        arms[0], arms[j] = arms[j], arms[0]
    n = len(arms)
    ids = [f"P{i + 1:03d}" for i in range(n)]

    # Participant attributes and latent values, drawn participant by participant.
    people = []
    for pid, arm in zip(ids, arms):
        age = rng.randint(50, 75)
        sex = "F" if rng.random() < 0.6 else "M"
        kl_grade = rng.choices([1, 2, 3, 4], weights=[15, 40, 35, 10])[0]
        severity = rng.gauss(0.0, 1.0)
        values = {}
        for (outcome, unit, mean, sd_true, sd_noise, loading, eff_b, eff_f, sd_resp,
             decimals, lo, hi) in OUTCOMES:
            z = loading * severity + math.sqrt(1.0 - loading * loading) * rng.gauss(0.0, 1.0)
            base = mean + sd_true * z
            if outcome == "pain_nrs":
                base += 0.3 * (kl_grade - 2.5)
            if outcome == "walking_speed":
                base -= 0.004 * (age - 62)
            effect = eff_b if arm == "backward" else eff_f
            response = effect + sd_resp * rng.gauss(0.0, 1.0)
            for tp, frac in TIMEPOINTS:
                x = base + frac * response + sd_noise * rng.gauss(0.0, 1.0)
                x = round_half_up(x, decimals)
                if lo is not None:
                    x = max(lo, x)
                if hi is not None:
                    x = min(hi, x)
                values[(tp, outcome)] = fmt(x, decimals)
        people.append({"participant": pid, "arm": arm, "age": age, "sex": sex,
                       "kl_grade": kl_grade, "values": values})

    # Missing values, chosen after all values are drawn.
    backward_people = [p for p in people if p["arm"] == "backward"]
    forward_people = [p for p in people if p["arm"] == "forward"]
    dropouts = [rng.choice(backward_people), rng.choice(forward_people)]
    for p in dropouts:
        for outcome, *_ in OUTCOMES:
            p["values"][("week6", outcome)] = "NA"
    candidates = [p for p in people if p not in dropouts]
    scattered = []
    while len(scattered) < N_SCATTERED_NA:
        p = rng.choice(candidates)
        tp = rng.choice(["week3", "week6"])
        outcome = rng.choice([o[0] for o in OUTCOMES])
        cell = (p["participant"], tp, outcome)
        if cell in scattered or any(c[0] == cell[0] for c in scattered):
            continue  # at most one scattered NA per participant
        scattered.append(cell)
        p["values"][(tp, outcome)] = "NA"

    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "retro-walking-trial.csv")
    header = ["participant", "arm", "timepoint", "outcome", "value", "unit", "age", "sex", "kl_grade"]
    lines = [",".join(header)]
    for p in people:
        for tp, _ in TIMEPOINTS:
            for outcome, unit, *_ in OUTCOMES:
                lines.append(",".join([p["participant"], p["arm"], tp, outcome,
                                       p["values"][(tp, outcome)], unit, str(p["age"]), p["sex"],
                                       str(p["kl_grade"])]))
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines) + "\n")

    # The sidecar every WalkStats command reads: the data are simulated, so every output says so.
    sidecar = {
        "simulated": True,
        "warning": "SIMULATED data: a made-up two-arm trial, not data from any trial or person",
        "generator": f"datasets/sample/generate.py, random.Random({SEED})",
        "design": "parallel",
        "timepoints": [tp for tp, _ in TIMEPOINTS],
        "reference_arm": "forward",
    }
    with open(os.path.join(here, "retro-walking-trial.metadata.json"), "w", encoding="utf-8", newline="") as f:
        f.write(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n")

    print(f"wrote {path}: {len(lines) - 1} rows, {n} participants "
          f"({N_BACKWARD} backward, {N_FORWARD} forward)")
    print("dropouts (all week6 values NA): "
          + ", ".join(f"{p['participant']} ({p['arm']})" for p in dropouts))
    print("scattered NA: " + ", ".join(f"{pid} {tp} {o}" for pid, tp, o in scattered))


if __name__ == "__main__":
    main()
