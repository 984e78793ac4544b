# Writes expected.csv: R reference values for WalkStats' standardised effect sizes (Cohen's d, d_z,
# Hedges' g with noncentral-t confidence intervals) and for its noncentral t CDF.
# Run from this folder:  Rscript generate.R
# Needs R 4.2.2 with effectsize 0.8.3 (Debian r-cran-effectsize). See README.md for the key layout.

options(warn = 2) # any warning is an error, except the pt() precision notes recorded in pt-grid

suppressPackageStartupMessages(library(effectsize))

rows_dataset <- character(0)
rows_key <- character(0)
rows_value <- character(0)

emit <- function(dataset, key, value) {
  stopifnot(length(value) == 1, is.numeric(value), is.finite(value))
  if (grepl("[,\"\r\n]", key)) stop("key needs CSV quoting: ", key)
  rows_dataset <<- c(rows_dataset, dataset)
  rows_key <<- c(rows_key, key)
  rows_value <<- c(rows_value, sprintf("%.17g", value))
}

key <- function(...) paste(c(...), collapse = "/")
num <- function(x) sprintf("%.17g", x)

# The exact noncentrality parameters: ncp with pt(t, df, ncp) = 1 - alpha/2 (lower) and alpha/2
# (upper), by uniroot at tol = 1e-13 (absolute, on ncp). pt(t, df, ncp) decreases in ncp. The
# bracket is widened from `around` until the sign changes, so no extreme pt() call is made.
exact_ncp <- function(t, df, level, around) {
  alpha <- 1 - level
  solve <- function(target, start) {
    # While bracketing, pt() may be evaluated where its lower tail is above 1 - 1e-10 and R notes
    # that "full precision may not have been achieved"; only that note is muffled, and only there:
    # the value at the root is evaluated again below with every warning an error.
    f <- function(ncp) withCallingHandlers(pt(t, df, ncp) - target, warning = function(w) {
      if (grepl("full precision may not have been achieved", conditionMessage(w), fixed = TRUE))
        invokeRestart("muffleWarning")
    })
    w <- 1e-3 * (1 + abs(start))
    repeat {
      lo <- start - w; hi <- start + w
      if (f(lo) > 0 && f(hi) < 0) break
      w <- 2 * w
      if (w > 100) stop("no bracket for t = ", t, ", df = ", df)
    }
    root <- uniroot(f, c(lo, hi), tol = 1e-13, maxiter = 1000)$root
    stopifnot(abs(pt(t, df, root) - target) < 1e-12)
    root
  }
  c(solve(1 - alpha / 2, around[1]), solve(alpha / 2, around[2]))
}

# One effect size: effectsize's own value and CI, the exact-root CI, and the probabilities that
# effectsize's (optim-found) noncentralities actually reach, so a test can see its optimiser residual.
emit_effect <- function(dataset, measure, level, es, value_column, t, df, hn, J = 1) {
  lev <- sprintf("%.2f", level)
  k <- function(field) key(measure, lev, field)
  ncp_es <- effectsize:::.get_ncp_t(t, df, level)
  # effectsize's CI is exactly its .get_ncp_t result times sqrt(hn) (times J for g)
  stopifnot(isTRUE(all.equal(c(es$CI_low, es$CI_high), ncp_es * sqrt(hn) * J, tolerance = 1e-14)))
  ncp <- exact_ncp(t, df, level, ncp_es)
  emit(dataset, k("value"), es[[value_column]])
  emit(dataset, k("ci_low"), es$CI_low)
  emit(dataset, k("ci_high"), es$CI_high)
  emit(dataset, k("exact_ci_low"), ncp[1] * sqrt(hn) * J)
  emit(dataset, k("exact_ci_high"), ncp[2] * sqrt(hn) * J)
  emit(dataset, k("exact_ncp_low"), ncp[1])
  emit(dataset, k("exact_ncp_high"), ncp[2])
  emit(dataset, k("effectsize_ncp_low"), ncp_es[1])
  emit(dataset, k("effectsize_ncp_high"), ncp_es[2])
  emit(dataset, k("effectsize_p_low"), pt(t, df, ncp_es[1]))
  emit(dataset, k("effectsize_p_high"), pt(t, df, ncp_es[2]))
  emit(dataset, k("t"), t)
  emit(dataset, k("df"), df)
  if (measure == "hedges_g") emit(dataset, k("J"), J)
}

samples <- read.csv("samples.csv", stringsAsFactors = FALSE)

# samples.csv's sleep rows must be datasets::sleep: x = extra under drug 2, y = under drug 1, by ID
s <- datasets::sleep
stopifnot(identical(samples$value[samples$dataset == "sleep" & samples$sample == "x"], s$extra[s$group == 2][order(s$ID[s$group == 2])]),
          identical(samples$value[samples$dataset == "sleep" & samples$sample == "y"], s$extra[s$group == 1][order(s$ID[s$group == 1])]))

levels <- c(0.95, 0.90)
for (name in unique(samples$dataset)) {
  x <- samples$value[samples$dataset == name & samples$sample == "x"]
  y <- samples$value[samples$dataset == name & samples$sample == "y"]
  n1 <- length(x); n2 <- length(y)
  emit(name, "n_x", n1)
  emit(name, "n_y", n2)
  for (level in levels) {
    # Two independent samples, pooled SD (effectsize's default pooled_sd = TRUE)
    df <- n1 + n2 - 2
    # t exactly as effectsize:::.effect_size_difference forms it: effectsize's optim-based CI moves
    # by ~1e-7 when t changes in its last bits (see README), so the same rounding is needed here.
    sp <- sd_pooled(x, y, verbose = FALSE)
    stopifnot(isTRUE(all.equal(sp, sqrt(((n1 - 1) * var(x) + (n2 - 1) * var(y)) / df), tolerance = 1e-14)))
    hn <- 1 / n1 + 1 / n2
    t <- (mean(x) - mean(y)) / (sp * sqrt(1 / n1 + 1 / n2))
    d <- cohens_d(x, y, ci = level, verbose = FALSE)
    stopifnot(isTRUE(all.equal(d$Cohens_d, (mean(x) - mean(y)) / sp, tolerance = 1e-14)))
    emit_effect(name, "cohens_d", level, d, "Cohens_d", t, df, hn)
    g <- hedges_g(x, y, ci = level, verbose = FALSE)
    J <- exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2))
    stopifnot(isTRUE(all.equal(g$Hedges_g, J * d$Cohens_d, tolerance = 1e-14)))
    emit_effect(name, "hedges_g", level, g, "Hedges_g", t, df, hn, J)

    # Paired (d_z): cohens_d(x, y, paired = TRUE) is mean(x - y) / sd(x - y)
    if (n1 == n2) {
      dd <- x - y
      n <- length(dd)
      t <- mean(dd) / (sd(dd) / sqrt(n)) # as effectsize forms it
      dz <- cohens_d(x, y, paired = TRUE, ci = level, verbose = FALSE)
      stopifnot(isTRUE(all.equal(dz$Cohens_d, mean(dd) / sd(dd), tolerance = 1e-14)))
      emit_effect(name, "cohens_dz", level, dz, "Cohens_d", t, n - 1, 1 / n)
    }
  }
}

# Exact noncentrality roots on a grid of (t, df, level), for the root finder on its own.
for (df in c(1, 3, 10, 40, 150)) for (t in c(-6, -2, -0.3, 0, 1, 4, 9)) for (level in levels) {
  alpha <- 1 - level
  # start from the normal approximation of the bounds
  z <- qnorm(1 - alpha / 2) * sqrt(1 + t^2 / (2 * df))
  ncp <- exact_ncp(t, df, level, c(t - z, t + z))
  if (max(abs(ncp)) > 37) next # beyond this pt() uses its normal approximation (see README)
  k <- function(field) key(num(df), num(t), sprintf("%.2f", level), field)
  emit("ncp-roots", k("low"), ncp[1])
  emit("ncp-roots", k("high"), ncp[2])
}

# pt(q, df, ncp) over a grid. R warns "full precision may not have been achieved in 'pnt{final}'"
# when its lower tail is found as 1 - (a value above 1 - 1e-10); such points are kept and flagged
# in the dataset pt-grid-warned (value 1), since R's own value there has only absolute accuracy.
pt_point <- function(q, df, ncp) {
  warned <- FALSE
  p <- withCallingHandlers(pt(q, df, ncp), warning = function(w) {
    warned <<- TRUE
    invokeRestart("muffleWarning")
  })
  k <- key(num(df), num(ncp), num(q))
  emit("pt-grid", k, p)
  if (warned) emit("pt-grid-warned", k, 1)
}
for (df in c(1, 2, 3, 4.5, 7, 10, 17.776, 30, 50, 100, 200)) {
  for (ncp in c(-10, -6, -3, -1.5, -0.5, 0, 0.3, 1, 2.5, 5, 8, 10)) {
    spread <- sqrt(1 + ncp^2 / (2 * df))
    qs <- c(-30, -12, -6, -3, -1.5, -0.5, 0, 0.25, 1, 2, 4, 8, 15, 30, ncp + c(-3, -1, 1, 3) * spread)
    for (q in sort(unique(qs))) pt_point(q, df, ncp)
  }
}
# The series near its limit (ncp^2 just below 2 * 1021 * log(2)) and R's normal approximation
# beyond it (|ncp| > 37.62 or df > 4e5).
for (args in list(c(40, 20, 37), c(36, 20, 37), c(-37, 20, -37), c(45, 20, 40), c(35, 20, 40),
                  c(-42, 8, -40), c(3, 5e5, 2), c(-1, 1e6, 0.5))) {
  pt_point(args[1], args[2], args[3])
}

if (anyDuplicated(paste(rows_dataset, rows_key))) stop("duplicate dataset/key")

lines <- c(
  "# generated by generate.R \u2014 do not edit",
  paste0("# R.version.string: ", R.version.string),
  paste0("# packages: stats ", as.character(packageVersion("stats")),
         ", effectsize ", as.character(packageVersion("effectsize"))),
  "dataset,key,value",
  paste(rows_dataset, rows_key, rows_value, sep = ",")
)
con <- file("expected.csv", open = "wb")
writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
close(con)
cat("wrote expected.csv:", length(rows_value), "rows\n")
