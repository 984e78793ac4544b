# Writes the inputs and expected.csv for WalkStats' meta-analysis: effect sizes as metafor::escalc
# computes them (MD, SMD), pooling as metafor::rma computes it (FE, DL, PM, REML; z or Knapp-Hartung),
# the Q-profile interval of tau^2 (confint), the prediction interval (predict), weights (weights),
# leave-one-out (leave1out) and Egger's regression test (regtest).
# Run from this folder:  Rscript generate.R
# Needs R with metafor (3.8-1 made the committed expected.csv). See README.md for the key layout.

options(warn = 2) # any warning is an error, except the few named in quiet() below
suppressPackageStartupMessages(library(metafor))

fmt <- function(x) sprintf("%.17g", x)
as_written <- function(x) as.numeric(fmt(x))

write_lines <- function(lines, path) {
  con <- file(path, open = "wb")
  writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
  close(con)
}

rows_dataset <- character(0)
rows_key <- character(0)
rows_value <- character(0)
emit <- function(dataset, key, value) {
  stopifnot(length(value) == 1, is.numeric(value) || is.logical(value), is.finite(value))
  if (grepl("[,\"\r\n]", key)) stop("key needs CSV quoting: ", key)
  rows_dataset <<- c(rows_dataset, dataset)
  rows_key <<- c(rows_key, key)
  rows_value <<- c(rows_value, fmt(as.numeric(value)))
}
key <- function(...) paste(c(...), collapse = "/")

# metafor warns about these situations, which the fixture covers on purpose; every other warning is
# an error.
expected_warnings <- c(
  "Ratio of largest to smallest sampling variance extremely large",
  "Knapp & Hartung method is not meant to be used in the context of"
)
quiet <- function(expr) withCallingHandlers(expr, warning = function(w) {
  if (any(vapply(expected_warnings, grepl, logical(1), x = conditionMessage(w), fixed = TRUE)))
    invokeRestart("muffleWarning")
})

## ---------------------------------------------------------------- inputs
# Summary data (means, SDs, sizes per group): effects computed by escalc("MD"/"SMD").
summaries <- list(
  normand1999 = dat.normand1999,
  curtis1998 = dat.curtis1998
)
summary_labels <- list(
  normand1999 = as.character(dat.normand1999$source),
  curtis1998 = paste0("id", dat.curtis1998$id)
)
# Effects given as yi, vi (metafor's example datasets from papers, and small hand-made sets).
label <- function(d) gsub(",", "", paste(d$author, d$year)) # "Davis, BH 1990" -> "Davis BH 1990"
given <- list(
  raudenbush1985 = data.frame(study = label(dat.raudenbush1985),
                              yi = dat.raudenbush1985$yi, vi = dat.raudenbush1985$vi),
  bangertdrowns2004 = data.frame(study = label(dat.bangertdrowns2004),
                                 yi = dat.bangertdrowns2004$yi, vi = dat.bangertdrowns2004$vi),
  hackshaw1998 = data.frame(study = label(dat.hackshaw1998),
                            yi = dat.hackshaw1998$yi, vi = dat.hackshaw1998$vi),
  # Nearly identical effects: Q(0) is below the lower chi-square quantile, so the Q-profile
  # interval of tau^2 is the null set and every estimator gives tau^2 = 0.
  homogeneous = data.frame(study = paste0("H", 1:6), yi = c(0.30, 0.32, 0.29, 0.31, 0.30, 0.33),
                           vi = c(0.04, 0.05, 0.03, 0.06, 0.04, 0.05)),
  # The smallest pooling (k = 2): no leave-one-out or Egger test.
  "two-studies" = data.frame(study = c("A", "B"), yi = c(0.5, -0.1), vi = c(0.02, 0.05)),
  # The smallest Egger test (k = 3; Knapp-Hartung on 1 df).
  "three-studies" = data.frame(study = c("A", "B", "C"), yi = c(0.8, 0.1, 0.3), vi = c(0.09, 0.01, 0.04))
)

summary_lines <- "dataset,study,m1i,sd1i,n1i,m2i,sd2i,n2i"
for (name in names(summaries)) {
  d <- summaries[[name]]
  summary_lines <- c(summary_lines, sprintf("%s,%s,%s,%s,%d,%s,%s,%d", name, summary_labels[[name]],
    fmt(d$m1i), fmt(d$sd1i), as.integer(d$n1i), fmt(d$m2i), fmt(d$sd2i), as.integer(d$n2i)))
}
write_lines(summary_lines, "summaries.csv")
effect_lines <- "dataset,study,yi,vi"
for (name in names(given)) {
  d <- given[[name]]
  stopifnot(!anyNA(d$yi), !anyNA(d$vi), !any(grepl(",", d$study)))
  effect_lines <- c(effect_lines, sprintf("%s,%s,%s,%s", name, d$study, fmt(d$yi), fmt(d$vi)))
}
write_lines(effect_lines, "effects.csv")

# Re-read what the CSVs hold, so R computes on exactly the doubles the Swift tests read.
summary_csv <- read.csv("summaries.csv", colClasses = c("character", "character", rep("numeric", 6)))
effect_csv <- read.csv("effects.csv", colClasses = c("character", "character", "numeric", "numeric"))

datasets <- list()
for (name in names(summaries)) {
  d <- summary_csv[summary_csv$dataset == name, ]
  for (measure in c("MD", "SMD")) {
    es <- escalc(measure, m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = d)
    dataset <- paste0(name, "-", tolower(measure))
    for (i in seq_len(nrow(es))) {
      emit(dataset, key("escalc", i, "yi"), es$yi[i])
      emit(dataset, key("escalc", i, "vi"), es$vi[i])
    }
    datasets[[dataset]] <- data.frame(yi = as.numeric(es$yi), vi = as.numeric(es$vi))
  }
}
for (name in names(given)) {
  d <- effect_csv[effect_csv$dataset == name, ]
  datasets[[name]] <- data.frame(yi = d$yi, vi = d$vi)
}

## ---------------------------------------------------------------- pooling
# "default": metafor's own controls. Its iterative answers stop early: REML (Fisher scoring) when a
# step changes tau^2 by less than threshold = 1e-5, PM and the Q-profile bounds (uniroot) at
# tol = .Machine$double.eps^0.25 = 1.2e-4, both absolute. "tight": the same algorithms run to
# convergence, so their answers are the exact roots to ~1e-11 relative:
tight_control <- function(method, tau2_default, vi) {
  switch(method,
    REML = list(threshold = 1e-12 * (tau2_default + min(vi)), maxiter = 1000),
    PM = list(tol = 1e-15, maxiter = 1000, tau2.max = 1e8),
    list())
}
tight_confint_tol <- 1e-15

levels_for <- function(dataset) if (dataset %in% c("raudenbush1985", "normand1999-smd")) c(95, 90) else 95

# Bound kinds (0 = a root of the Q-profile, 1 = zero because Q(0) is already below the critical
# value, 2 = beyond the search limit tau2.max, reported as tau2.max), and ci.null.
bound_kind <- function(value, sign, ci_null) {
  if (ci_null) return(1)
  if (sign == ">") return(2)
  if (sign == "" && value == 0) return(1)
  stopifnot(sign == "")
  0
}

emit_fit <- function(dataset, prefix, fit, dat) {
  k <- fit$k
  emit(dataset, key(prefix, "k"), k)
  emit(dataset, key(prefix, "b"), fit$b[1])
  emit(dataset, key(prefix, "se"), fit$se[1])
  emit(dataset, key(prefix, "zval"), fit$zval[1])
  emit(dataset, key(prefix, "pval"), fit$pval[1])
  emit(dataset, key(prefix, "ci.lb"), fit$ci.lb[1])
  emit(dataset, key(prefix, "ci.ub"), fit$ci.ub[1])
  if (fit$test == "knha") emit(dataset, key(prefix, "ddf"), fit$ddf)
  emit(dataset, key(prefix, "s2w"), fit$s2w)
  emit(dataset, key(prefix, "tau2"), fit$tau2)
  if (!is.na(fit$se.tau2)) emit(dataset, key(prefix, "se.tau2"), fit$se.tau2)
  emit(dataset, key(prefix, "I2"), fit$I2)
  emit(dataset, key(prefix, "H2"), fit$H2)
  emit(dataset, key(prefix, "vt"), fit$vt)
  emit(dataset, key(prefix, "QE"), fit$QE)
  emit(dataset, key(prefix, "QEp"), fit$QEp)
  pr <- predict(fit)
  stopifnot(isTRUE(all.equal(pr$pred, fit$b[1], tolerance = 0)), isTRUE(all.equal(pr$ci.lb, fit$ci.lb[1], tolerance = 0)))
  if (!is.null(pr$pi.lb)) { # predict() gives no prediction interval for FE models
    emit(dataset, key(prefix, "pi.lb"), pr$pi.lb)
    emit(dataset, key(prefix, "pi.ub"), pr$pi.ub)
  }
  w <- weights(fit)
  for (i in seq_along(w)) emit(dataset, key(prefix, "weights", i), w[i])
}

emit_confint <- function(dataset, prefix, fit, tol) {
  # The search limit is metafor's default max(100, 10 tau^2) whatever control the fit had.
  limit <- max(100, 10 * fit$tau2)
  control <- list(tau2.max = limit)
  if (!is.null(tol)) control$tol <- tol
  ci <- confint(fit, control = control)
  r <- ci$random
  emit(dataset, key(prefix, "tau2.max"), limit)
  emit(dataset, key(prefix, "ci.null"), ci$ci.null)
  emit(dataset, key(prefix, "lb.kind"), bound_kind(r["tau^2", "ci.lb"], ci$lb.sign, ci$ci.null))
  emit(dataset, key(prefix, "ub.kind"), bound_kind(r["tau^2", "ci.ub"], ci$ub.sign, ci$ci.null))
  for (row in c("tau^2", "tau", "I^2(%)", "H^2")) {
    label <- c("tau^2" = "tau2", "tau" = "tau", "I^2(%)" = "I2", "H^2" = "H2")[[row]]
    emit(dataset, key(prefix, paste0(label, ".lb")), r[row, "ci.lb"])
    emit(dataset, key(prefix, paste0(label, ".ub")), r[row, "ci.ub"])
  }
}

emit_egger <- function(dataset, prefix, fit) {
  eg <- quiet(regtest(fit))
  emit(dataset, key(prefix, "zval"), eg$zval)
  emit(dataset, key(prefix, "pval"), eg$pval)
  if (!is.na(eg$dfs)) emit(dataset, key(prefix, "dfs"), eg$dfs)
  emit(dataset, key(prefix, "est"), eg$est)
  emit(dataset, key(prefix, "ci.lb"), eg$ci.lb)
  emit(dataset, key(prefix, "ci.ub"), eg$ci.ub)
  emit(dataset, key(prefix, "slope"), eg$fit$b[2])
  emit(dataset, key(prefix, "slope.se"), eg$fit$se[2])
  emit(dataset, key(prefix, "tau2"), eg$fit$tau2)
  emit(dataset, key(prefix, "k"), eg$fit$k)
}

emit_loo <- function(dataset, prefix, fit) {
  l1 <- quiet(leave1out(fit))
  stat <- if (fit$test == "knha") l1$tval else l1$zval
  for (i in seq_along(l1$estimate)) {
    emit(dataset, key(prefix, i, "estimate"), l1$estimate[i])
    emit(dataset, key(prefix, i, "se"), l1$se[i])
    emit(dataset, key(prefix, i, "zval"), stat[i])
    emit(dataset, key(prefix, i, "pval"), l1$pval[i])
    emit(dataset, key(prefix, i, "ci.lb"), l1$ci.lb[i])
    emit(dataset, key(prefix, i, "ci.ub"), l1$ci.ub[i])
    emit(dataset, key(prefix, i, "Q"), l1$Q[i])
    emit(dataset, key(prefix, i, "Qp"), l1$Qp[i])
    if (!is.null(l1$tau2)) emit(dataset, key(prefix, i, "tau2"), l1$tau2[i])
    emit(dataset, key(prefix, i, "I2"), l1$I2[i])
    emit(dataset, key(prefix, i, "H2"), l1$H2[i])
  }
}

for (dataset in names(datasets)) {
  dat <- datasets[[dataset]]
  k <- nrow(dat)
  emit(dataset, "k", k)
  for (method in c("FE", "DL", "PM", "REML")) for (test in c("z", "knha")) for (level in levels_for(dataset)) {
    config <- c(method, test, level)
    # metafor's defaults. PM on curtis1998-md stops ("Value of 'tau2.max' too low"): its root lies
    # above the search limit max(100, 10 mad(yi)^2); WalkStats widens the limit instead.
    default <- tryCatch(quiet(rma(yi, vi, data = dat, method = method, test = test, level = level)),
                        error = function(e) e)
    if (inherits(default, "error")) {
      stopifnot(grepl("tau2.max", conditionMessage(default), fixed = TRUE))
      emit(dataset, key("default", config, "tau2.max-too-low"), 1)
      tau2_default <- NA
    } else {
      emit_fit(dataset, key("default", config), default, dat)
      if (method != "FE") emit_confint(dataset, key("default", config), default, NULL)
      tau2_default <- default$tau2
    }
    control <- tight_control(method, if (is.na(tau2_default)) 0 else tau2_default, dat$vi)
    tight <- quiet(rma(yi, vi, data = dat, method = method, test = test, level = level, control = control))
    emit_fit(dataset, key("tight", config), tight, dat)
    if (method != "FE") emit_confint(dataset, key("tight", config), tight, tight_confint_tol)
    if (level == 95) {
      if (k >= 3) {
        emit_loo(dataset, key("loo", method, test), tight)
        emit_egger(dataset, key("egger", "tight", method, test), tight)
        if (!inherits(default, "error")) emit_egger(dataset, key("egger", "default", method, test), default)
      }
    }
  }
}

## ---------------------------------------------------------------- chi-square distribution
# pchisq / qchisq as the pooling uses them (QEp and the Q-profile critical values).
for (df in c(1, 2, 5, 18, 47, 101)) {
  for (q in c(0.01, 0.5, 1, df, 3 * df, 10 * df + 40)) {
    emit("chisq", key(df, q, "upper"), pchisq(q, df, lower.tail = FALSE))
  }
  for (p in c(0.025, 0.05, 0.5)) {
    emit("chisq", key(df, p, "lower-quantile"), qchisq(p, df))
    emit("chisq", key(df, p, "upper-quantile"), qchisq(p, df, lower.tail = FALSE))
  }
}

header <- c(
  "# generated by generate.R — do not edit",
  paste0("# R.version.string: ", R.version.string),
  paste0("# packages: ", paste(sapply(c("stats", "metafor", "metadat"),
                                        function(p) paste(p, packageDescription(p)$Version)), collapse = ", ")),
  "dataset,key,value"
)
write_lines(c(header, paste(rows_dataset, rows_key, rows_value, sep = ",")), "expected.csv")
cat("wrote", length(rows_key), "values\n")
