# Writes input.csv once (committed; not rerun by `make fixtures`). Simulated data, not from any trial.
# Run from this folder:  Rscript simulate-input.R
# Long format: dataset,arm,id,time,value; every participant has a value at every time (complete cases).
options(warn = 2)
suppressPackageStartupMessages(library(afex))

simulate <- function(name, sizes, times, arm_shift, time_shift, subject_sd, noise_sd, ar = 0) {
  rows <- list(); id <- 0
  for (a in seq_along(sizes)) for (i in seq_len(sizes[a])) {
    id <- id + 1
    subject <- rnorm(1, 0, subject_sd)
    e <- numeric(length(times)); e[1] <- rnorm(1, 0, noise_sd)
    for (t in seq_along(times)[-1]) e[t] <- ar * e[t - 1] + rnorm(1, 0, noise_sd)   # ar > 0: non-spherical
    value <- 50 + arm_shift[a] + time_shift + (a - 1) * seq_along(times) * 0.8 + subject + e
    rows[[length(rows) + 1]] <- data.frame(dataset = name, arm = names(sizes)[a],
                                           id = sprintf("%s-%02d", substr(name, 1, 3), id),
                                           time = times, value = round(value, 1))
  }
  do.call(rbind, rows)
}

hf <- function(d) {
  d$arm <- factor(d$arm, levels = unique(d$arm)); d$time <- factor(d$time, levels = unique(d$time))
  between <- if (nlevels(d$arm) > 1) "arm" else NULL
  fit <- aov_ez("id", "value", d, between = between, within = "time", type = 3)
  withCallingHandlers(summary(fit)$pval.adjustments["time", "HF eps"],
                      warning = function(w) if (grepl("HF eps > 1", conditionMessage(w))) invokeRestart("muffleWarning"))
}

set.seed(20240611)
input <- rbind(
  simulate("balanced-2x3", c(control = 8, exercise = 8), c("baseline", "week6", "week12"),
           c(0, 2), c(0, 3, 5), 6, 3, ar = 0.6),
  simulate("unbalanced-3x4", c(usual = 5, walking = 8, cycling = 11), c("t0", "t1", "t2", "t3"),
           c(0, 1.5, -1), c(0, 2, 3, 3.5), 5, 4, ar = 0.7),
  simulate("two-times", c(control = 7, training = 10), c("pre", "post"), c(0, 1), c(0, 2.5), 5, 3))
seed <- 1
repeat {   # the first seed whose Huynh-Feldt epsilon exceeds 1 (spherical noise, so it often does)
  set.seed(seed)
  candidate <- simulate("hf-above-one", c(placebo = 6, active = 7), c("day1", "day2", "day3"),
                        c(0, 1), c(0, 1, 2), 4, 3)
  if (hf(candidate) > 1.02) break
  seed <- seed + 1
}
cat("hf-above-one: seed", seed, "\n")
set.seed(7)
input <- rbind(input, candidate,
  simulate("single-group", c(all = 12), c("rest", "slow", "normal", "fast"), 0, c(0, 4, 7, 12), 5, 3, ar = 0.5))
write.csv(input, "input.csv", row.names = FALSE, quote = FALSE)
