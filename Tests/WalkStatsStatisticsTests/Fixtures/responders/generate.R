# Writes expected.csv: R reference values for WalkStats' responder analysis of a participant-level,
# long-format trial file (trial.csv): responders at absolute and percent thresholds of change from
# baseline to week12 (complete case and missing = non-responder), arm-vs-reference contrasts, the
# cumulative distribution of change, pain beside function, and the OMERACT-OARSI responder criteria.
# Run from this folder:  Rscript generate.R
# Needs base R only (stats 4.2.2).
#
# trial.csv: participant,arm,timepoint,outcome,value (one row per observed value; a missing value is an
# absent row). Arms backward, forward, usual_care (the reference); timepoints baseline, week6, week12
# (week6 is not used below). Every value becomes an integer, round(value * 10^d), with d = 0 for
# pain_nrs and patient_global, 2 for walking_speed, 1 for pain_vas and womac_function; every decision
# compares integers only. Improvement i = baseline - week12 (lower is better), week12 - baseline for
# walking_speed, defined only when both rows exist (a "complete case"). "Randomised" = every
# participant of the arm with any row in the file.
#
# Keys of expected.csv (dataset = responders for every row; <arm> = backward, forward, usual_care;
# <c> = the non-reference arms backward, forward, each compared with usual_care):
#   responders/<outcome>/<threshold>/<analysis>/...
#       <outcome>/<threshold>: pain_nrs/1, pain_nrs/2, pain_nrs/15%, pain_nrs/33%, walking_speed/0.05,
#       walking_speed/0.10, pain_vas/19.9, womac_function/9.1. Absolute threshold T (scaled like the
#       values): responder when i >= T. Percent threshold P%: responder when baseline > 0 and
#       100 * i >= P * baseline; a complete case with baseline 0 is "not evaluable".
#       <analysis>: complete (n = complete cases minus not evaluable) or missing_nonresponder
#       (n = randomised; missing and not evaluable count as non-responders).
#     .../arm/<arm>/{n,responders,proportion}   n, x, x / n
#     .../arm/<arm>/{wilson_low,wilson_high}    suppressWarnings(prop.test(x, n, correct = FALSE))$conf.int
#     .../not_evaluable/<arm>                   complete cases with baseline 0 (percent thresholds only;
#                                               the same count under both analyses)
#     .../contrast/<c>/rd, rd_low, rd_high      p1 - p2 (arm minus usual_care), Newcombe (1998) method 10
#                                               from the two Wilson intervals: L = d - sqrt((p1 - l1)^2 +
#                                               (u2 - p2)^2), U = d + sqrt((u1 - p1)^2 + (p2 - l2)^2)
#     .../contrast/<c>/rr                       p1 / p2 (only when x2 > 0)
#     .../contrast/<c>/rr_low, rr_high          exp(log(rr) -/+ qnorm(0.975) * sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2))
#                                               (Katz; only when x1 > 0 and x2 > 0)
#     .../contrast/<c>/nnt                      1 / |rd| (only when p1 != p2)
#     .../contrast/<c>/fisher_p                 fisher.test(matrix(c(x1, n1 - x1, x2, n2 - x2), 2))$p.value
#     .../contrast/<c>/or, or_low, or_high      conditional MLE odds ratio and exact 0.95 interval, the
#                                               roots of fisher.test's own functions at machine precision
#                                               (fisher_exact_roots, as proportions/ fisher_exact/*);
#                                               written only when finite (or = 0 and or_low = 0 when x1 is
#                                               the lowest value of its support)
#     .../contrast/<c>/or_infinite, or_high_infinite   1 when the estimate / upper limit is Inf
#     .../contrast/<c>/prop_p                   suppressWarnings(prop.test(c(x1, x2), c(n1, n2)))$p.value
#                                               (Yates' correction, R's default)
#     .../contrast/<c>/prop_undefined           1 instead of prop_p when the pooled proportion is 0 or 1
#   cdf/<outcome>/<arm>/n                       complete cases of the outcome in the arm (all five outcomes;
#                                               baseline 0 included: no percent is involved)
#   cdf/<outcome>/<arm>/<t>                     share of those with i >= t, for every distinct i observed in
#                                               any arm; t written with the outcome's d decimals from the
#                                               integer (pain_nrs -2, walking_speed 0.05 / -0.10, pain_vas
#                                               19.9 / 20.0 / -3.5)
#   cross/<pain>/<function>/...                 <pain> = pain_nrs (responder at 1) or pain_vas (at 19.9);
#                                               <function> = walking_speed (at 0.05) or womac_function
#                                               (at 9.1); participants complete for both outcomes
#     .../arm/<arm>/n                           that count
#     .../arm/<arm>/<k>, <k>_low, <k>_high      <k> = both, pain_only, function_only, neither: the count and
#                                               its Wilson interval out of n (as above)
#     .../contrast/<c>/<k>_rd, <k>_rd_low, <k>_rd_high   <k> = both, pain_only: Newcombe rd as above
#   oarsi/...                                   OMERACT-OARSI set of responder criteria (Pham et al. 2004,
#                                               scenario D) on pain_vas, womac_function, patient_global;
#                                               participants complete for all three. Responder when pain
#                                               (or function) has i >= 20 points and 100 * i >= 50 * baseline,
#                                               or at least two of pain, function, global have i >= 10
#                                               points and 100 * i >= 20 * baseline (baseline 0 meets no
#                                               percent criterion). Complete case only.
#     oarsi/arm/<arm>/...                       n, responders, proportion, wilson_low, wilson_high
#     oarsi/contrast/<c>/...                    the contrast keys above (rd ... prop_p / prop_undefined)

options(warn = 2)

trial <- read.csv("trial.csv", stringsAsFactors = FALSE)
stopifnot(identical(names(trial), c("participant", "arm", "timepoint", "outcome", "value")),
          !anyNA(trial$value), !anyDuplicated(trial[, 1:4]))
dec <- c(pain_nrs = 0, walking_speed = 2, pain_vas = 1, womac_function = 1, patient_global = 0)
higher_better <- c("walking_speed")
arms <- c("backward", "forward", "usual_care")
ref <- "usual_care"
others <- setdiff(arms, ref)
stopifnot(all(trial$arm %in% arms), all(trial$outcome %in% names(dec)),
          all(trial$timepoint %in% c("baseline", "week6", "week12")))
trial$scaled <- round(trial$value * 10^dec[trial$outcome])
stopifnot(all(abs(trial$value * 10^dec[trial$outcome] - trial$scaled) < 1e-6))  # no extra decimals

# randomised participants (any row), each in one arm
people <- unique(trial[, c("participant", "arm")])
stopifnot(!anyDuplicated(people$participant))
arm_of <- setNames(people$arm, people$participant)

# scaled baseline / week12 value of every randomised participant (NA = absent row)
value_at <- function(outcome, timepoint) {
  s <- trial[trial$outcome == outcome & trial$timepoint == timepoint, ]
  unname(setNames(s$scaled, s$participant)[people$participant])
}
baseline <- sapply(names(dec), value_at, timepoint = "baseline")
week12 <- sapply(names(dec), value_at, timepoint = "week12")
improvement <- week12 - baseline
for (o in names(dec)) if (!(o %in% higher_better)) improvement[, o] <- -improvement[, o]

rows_dataset <- character(0)
rows_key <- character(0)
rows_value <- character(0)

emit <- function(dataset, key, value) {
  stopifnot(length(value) == 1, is.numeric(value), is.finite(value))
  if (grepl("[,\"\r\n]", key)) stop("key needs CSV quoting: ", key)
  rows_dataset <<- c(rows_dataset, dataset)
  rows_key <<- c(rows_key, key)
  rows_value <<- c(rows_value, sprintf("%.17g", unname(value)))
}
put <- function(key, value) emit("responders", key, value)

source("../proportions/fisher-exact-roots.R")  # fisher_exact_roots(): fisher.test's roots at machine precision

z <- qnorm(0.975)
wilson <- function(x, n) { stopifnot(n > 0); suppressWarnings(prop.test(x, n, correct = FALSE))$conf.int }
newcombe <- function(x1, n1, x2, n2) {
  w1 <- wilson(x1, n1); w2 <- wilson(x2, n2); p1 <- x1 / n1; p2 <- x2 / n2; d <- p1 - p2
  c(rd = d, low = d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2), high = d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2))
}

# per-arm counts -> arm and contrast keys under prefix
put_arms_and_contrasts <- function(prefix, x, n) {
  for (a in arms) {
    w <- wilson(x[[a]], n[[a]])
    put(paste0(prefix, "/arm/", a, "/n"), n[[a]])
    put(paste0(prefix, "/arm/", a, "/responders"), x[[a]])
    put(paste0(prefix, "/arm/", a, "/proportion"), x[[a]] / n[[a]])
    put(paste0(prefix, "/arm/", a, "/wilson_low"), w[1])
    put(paste0(prefix, "/arm/", a, "/wilson_high"), w[2])
  }
  x2 <- x[[ref]]; n2 <- n[[ref]]
  for (a in others) {
    k <- function(name) paste0(prefix, "/contrast/", a, "/", name)
    x1 <- x[[a]]; n1 <- n[[a]]
    rd <- newcombe(x1, n1, x2, n2)
    put(k("rd"), rd[["rd"]]); put(k("rd_low"), rd[["low"]]); put(k("rd_high"), rd[["high"]])
    if (x2 > 0) put(k("rr"), (x1 / n1) / (x2 / n2))
    if (x1 > 0 && x2 > 0) {
      se <- sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2)
      put(k("rr_low"), exp(log((x1 / n1) / (x2 / n2)) - z * se))
      put(k("rr_high"), exp(log((x1 / n1) / (x2 / n2)) + z * se))
    }
    if (x1 * n2 != x2 * n1) put(k("nnt"), 1 / abs(rd[["rd"]]))
    tab <- matrix(c(x1, n1 - x1, x2, n2 - x2), 2)
    put(k("fisher_p"), fisher.test(tab)$p.value)
    ex <- fisher_exact_roots(tab)
    if (is.finite(ex[["estimate"]])) put(k("or"), ex[["estimate"]]) else put(k("or_infinite"), 1)
    put(k("or_low"), ex[["low"]])
    if (is.finite(ex[["high"]])) put(k("or_high"), ex[["high"]]) else put(k("or_high_infinite"), 1)
    if (x1 + x2 == 0 || x1 + x2 == n1 + n2) put(k("prop_undefined"), 1)
    else put(k("prop_p"), suppressWarnings(prop.test(c(x1, x2), c(n1, n2)))$p.value)
  }
}
count_by_arm <- function(flag) sapply(arms, function(a) sum(flag[arm_of == a]))

# responder status: TRUE / FALSE, NA when missing or not evaluable
responder <- function(outcome, label) {
  i <- improvement[, outcome]; b <- baseline[, outcome]
  if (grepl("%$", label)) {
    p <- as.integer(sub("%$", "", label))
    ifelse(b > 0, 100 * i >= p * b, NA)
  } else {
    i >= round(as.numeric(label) * 10^dec[[outcome]])
  }
}

thresholds <- list(pain_nrs = c("1", "2", "15%", "33%"), walking_speed = c("0.05", "0.10"),
                   pain_vas = "19.9", womac_function = "9.1")
randomised <- count_by_arm(rep(TRUE, nrow(people)))
for (o in names(thresholds)) for (t in thresholds[[o]]) {
  r <- responder(o, t)
  complete <- !is.na(improvement[, o])
  not_evaluable <- complete & is.na(r)
  x <- count_by_arm(!is.na(r) & r)
  for (analysis in c("complete", "missing_nonresponder")) {
    prefix <- paste("responders", o, t, analysis, sep = "/")
    n <- if (analysis == "complete") count_by_arm(!is.na(r)) else randomised
    put_arms_and_contrasts(prefix, x, n)
    if (grepl("%$", t)) for (a in arms) put(paste0(prefix, "/not_evaluable/", a), sum(not_evaluable[arm_of == a]))
  }
}

# cumulative distribution of change
decimal <- function(v, d) {
  if (d == 0) return(sprintf("%d", as.integer(v)))
  a <- abs(v)
  paste0(if (v < 0) "-" else "", a %/% 10^d, ".", formatC(a %% 10^d, width = d, flag = "0"))
}
for (o in names(dec)) {
  i <- improvement[, o]
  for (a in arms) {
    ia <- i[arm_of == a & !is.na(i)]
    put(paste("cdf", o, a, "n", sep = "/"), length(ia))
    for (t in sort(unique(i[!is.na(i)]))) put(paste("cdf", o, a, decimal(t, dec[[o]]), sep = "/"), sum(ia >= t) / length(ia))
  }
}

# pain beside function
for (pain in list(c("pain_nrs", "1"), c("pain_vas", "19.9"))) {
  for (fun in list(c("walking_speed", "0.05"), c("womac_function", "9.1"))) {
    rp <- responder(pain[1], pain[2]); rf <- responder(fun[1], fun[2])
    ok <- !is.na(rp) & !is.na(rf)
    cat_flags <- list(both = ok & rp & rf, pain_only = ok & rp & !rf,
                      function_only = ok & !rp & rf, neither = ok & !rp & !rf)
    prefix <- paste("cross", pain[1], fun[1], sep = "/")
    n <- count_by_arm(ok)
    counts <- lapply(cat_flags, count_by_arm)
    for (a in arms) {
      put(paste0(prefix, "/arm/", a, "/n"), n[[a]])
      for (k in names(counts)) {
        w <- wilson(counts[[k]][[a]], n[[a]])
        put(paste0(prefix, "/arm/", a, "/", k), counts[[k]][[a]])
        put(paste0(prefix, "/arm/", a, "/", k, "_low"), w[1])
        put(paste0(prefix, "/arm/", a, "/", k, "_high"), w[2])
      }
    }
    for (a in others) for (k in c("both", "pain_only")) {
      rd <- newcombe(counts[[k]][[a]], n[[a]], counts[[k]][[ref]], n[[ref]])
      put(paste0(prefix, "/contrast/", a, "/", k, "_rd"), rd[["rd"]])
      put(paste0(prefix, "/contrast/", a, "/", k, "_rd_low"), rd[["low"]])
      put(paste0(prefix, "/contrast/", a, "/", k, "_rd_high"), rd[["high"]])
    }
  }
}

# OMERACT-OARSI (Pham et al. 2004, scenario D); 20 and 10 points scaled by each outcome's d
meets <- function(o, points, percent) {
  i <- improvement[, o]; b <- baseline[, o]
  i >= points * 10^dec[[o]] & b > 0 & 100 * i >= percent * b
}
oarsi_outcomes <- c("pain_vas", "womac_function", "patient_global")
ok <- rowSums(is.na(improvement[, oarsi_outcomes])) == 0
moderate <- sapply(oarsi_outcomes, meets, points = 10, percent = 20)
r <- ok & (meets("pain_vas", 20, 50) | meets("womac_function", 20, 50) | rowSums(moderate) >= 2)
put_arms_and_contrasts("oarsi", count_by_arm(!is.na(r) & r), count_by_arm(ok))

con <- file("expected.csv", "w")
writeLines(c("# generated by generate.R — do not edit",
             paste0("# R.version.string: ", R.version.string),
             paste0("# packages: stats ", packageVersion("stats")),
             "dataset,key,value"), con)
writeLines(paste(rows_dataset, rows_key, rows_value, sep = ","), con)
close(con)
