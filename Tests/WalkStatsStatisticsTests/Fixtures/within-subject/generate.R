# Writes expected.csv: R reference values for WalkStats' within-subject statistics:
#   - Cohen's d_av of two conditions measured in the same people, with the Algina & Keselman (2003)
#     noncentral-t interval (input: paired.csv);
#   - the 2x2 (AB/BA) crossover analysis of Senn (2002, ch. 3): treatment, period and carry-over
#     tests (input: crossover.csv).
# Run from this folder:  Rscript generate.R
# Needs R 4.2.2 (stats only; effectsize is loaded only to record that its version, 0.8.3, has no
# repeated_measures_d, so d_av is computed here from the formula). See README.md for the keys.

options(warn = 2) # any warning is an error

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
levels <- c(0.95, 0.90)

effectsize_version <- if (requireNamespace("effectsize", quietly = TRUE)) {
  as.character(packageVersion("effectsize"))
} else {
  "not installed"
}
has_repeated_measures_d <- effectsize_version != "not installed" &&
  exists("repeated_measures_d", envir = asNamespace("effectsize"))

# ---------------------------------------------------------------------------------------------
# Cohen's d_av with the Algina & Keselman (2003) interval.
#
#   d_i   = to_i - from_i,  n pairs,  df = n - 1
#   s_av  = (sd(to) + sd(from)) / 2                       (Lakens 2013, eq. 10; Cumming 2012, ch. 11)
#   d_av  = mean(d) / s_av
#   s_d   = sqrt(sd(to)^2 + sd(from)^2 - 2 r sd(to) sd(from))   (= sd(d); r = cor(to, from))
#   t     = mean(d) / (s_d / sqrt(n))                     (the paired t statistic)
#   lambda_low  solves pt(t, df, lambda_low)  = 1 - alpha/2
#   lambda_high solves pt(t, df, lambda_high) = alpha/2
#   CI    = [lambda_low, lambda_high] * s_d / (sqrt(n) * s_av)
#
# Algina & Keselman (2003) write the conversion factor for their standardiser sqrt((s1^2 + s2^2)/2)
# as sqrt(2 (s1^2 + s2^2 - 2 r s1 s2) / (n (s1^2 + s2^2))) = s_d / (sqrt(n) sqrt((s1^2 + s2^2)/2));
# with Lakens's average SD as the standardiser the factor is s_d / (sqrt(n) s_av), so d_av = t times
# the factor and both bounds are the noncentrality bounds times the same factor.

# The noncentrality with pt(t, df, ncp) = target. pt() decreases in ncp, so uniroot widens the
# bracket downwards-crossing ("downX"); tol = 1e-13 absolute on ncp.
ncp_root <- function(t, df, target) {
  start <- t - qnorm(target) * sqrt(1 + t^2 / (2 * df))
  f <- function(ncp) pt(t, df, ncp) - target
  root <- uniroot(f, start + c(-0.5, 0.5), extendInt = "downX", tol = 1e-13, maxiter = 1000)$root
  stopifnot(abs(pt(t, df, root) - target) < 1e-12)
  root
}

paired <- read.csv("paired.csv", stringsAsFactors = FALSE)
s <- datasets::sleep
stopifnot(identical(paired$to[paired$dataset == "sleep"], s$extra[s$group == 2][order(s$ID[s$group == 2])]),
          identical(paired$from[paired$dataset == "sleep"], s$extra[s$group == 1][order(s$ID[s$group == 1])]))

for (name in unique(paired$dataset)) {
  to <- paired$to[paired$dataset == name]
  from <- paired$from[paired$dataset == name]
  d <- to - from
  n <- length(d)
  df <- n - 1
  s1 <- sd(to); s2 <- sd(from); r <- cor(to, from)
  s_av <- (s1 + s2) / 2
  s_d <- sqrt(s1^2 + s2^2 - 2 * r * s1 * s2)
  stopifnot(isTRUE(all.equal(s_d, sd(d), tolerance = 1e-12)))
  tt <- t.test(to, from, paired = TRUE)
  t <- mean(d) / (s_d / sqrt(n))
  stopifnot(isTRUE(all.equal(t, unname(tt$statistic), tolerance = 1e-12)))
  d_av <- mean(d) / s_av
  factor <- s_d / (sqrt(n) * s_av)
  stopifnot(isTRUE(all.equal(d_av, t * factor, tolerance = 1e-14)))
  emit(name, "n", n)
  emit(name, "sd_to", s1)
  emit(name, "sd_from", s2)
  emit(name, "correlation", r)
  for (level in levels) {
    alpha <- 1 - level
    k <- function(field) key("cohens_dav", sprintf("%.2f", level), field)
    lambda <- c(ncp_root(t, df, 1 - alpha / 2), ncp_root(t, df, alpha / 2))
    emit(name, k("value"), d_av)
    emit(name, k("ci_low"), lambda[1] * factor)
    emit(name, k("ci_high"), lambda[2] * factor)
    emit(name, k("ncp_low"), lambda[1])
    emit(name, k("ncp_high"), lambda[2])
    emit(name, k("t"), t)
    emit(name, k("df"), df)
    if (has_repeated_measures_d) {
      es <- effectsize::repeated_measures_d(to, from, method = "av", adjust = FALSE, ci = level, verbose = FALSE)
      emit(name, k("effectsize_value"), es[[1]])
      emit(name, k("effectsize_ci_low"), es$CI_low)
      emit(name, k("effectsize_ci_high"), es$CI_high)
    }
  }
}

# ---------------------------------------------------------------------------------------------
# 2x2 crossover (Senn 2002, ch. 3). Per participant: sequence AB or BA, outcome in periods 1 and 2.
#
#   d_i = P1_i - P2_i  (period difference),   T_i = P1_i + P2_i  (participant total)
#   s_p^2 = ((n_AB - 1) var(d_AB) + (n_BA - 1) var(d_BA)) / (n_AB + n_BA - 2),  df = n_AB + n_BA - 2
#   se     = s_p sqrt(1/n_AB + 1/n_BA) / 2
#   treatment (A - B)               = (mean d_AB - mean d_BA) / 2,  t = treatment / se
#   period (period 1 - period 2)    = (mean d_AB + mean d_BA) / 2,  t = period / se
#   CI = estimate -/+ qt((1 + level)/2, df) se
#   carry-over: Student's t-test of T between sequences (AB - BA), pooled variance.
#
# Checked against lm(y ~ participant + period + treatment) on the long data, with the levels set so
# that the coefficients are "period 1 - period 2" and "A - B", and t.test(total ~ sequence,
# var.equal = TRUE) for carry-over. The lm values are written.

crossover <- read.csv("crossover.csv", stringsAsFactors = FALSE)
emit_test <- function(dataset, test, level, estimate, se, statistic, df, p, ci) {
  k <- function(field) key(test, sprintf("%.2f", level), field)
  emit(dataset, k("estimate"), estimate)
  emit(dataset, k("se"), se)
  emit(dataset, k("t"), statistic)
  emit(dataset, k("df"), df)
  emit(dataset, k("p"), p)
  emit(dataset, k("ci_low"), ci[1])
  emit(dataset, k("ci_high"), ci[2])
}

for (name in unique(crossover$dataset)) {
  x <- crossover[crossover$dataset == name, ]
  stopifnot(all(x$sequence %in% c("AB", "BA")))
  emit(name, "n_AB", sum(x$sequence == "AB"))
  emit(name, "n_BA", sum(x$sequence == "BA"))
  long <- data.frame(
    participant = factor(rep(x$participant, 2)),
    period = factor(rep(c("1", "2"), each = nrow(x)), levels = c("2", "1")),
    treatment = factor(c(ifelse(x$sequence == "AB", "A", "B"), ifelse(x$sequence == "AB", "B", "A")),
                       levels = c("B", "A")),
    y = c(x$period1, x$period2)
  )
  fit <- lm(y ~ participant + period + treatment, data = long)
  coefs <- summary(fit)$coefficients
  d <- x$period1 - x$period2
  dAB <- d[x$sequence == "AB"]; dBA <- d[x$sequence == "BA"]
  nAB <- length(dAB); nBA <- length(dBA)
  df <- nAB + nBA - 2
  sp <- sqrt(((nAB - 1) * var(dAB) + (nBA - 1) * var(dBA)) / df)
  se <- sp * sqrt(1 / nAB + 1 / nBA) / 2
  stopifnot(fit$df.residual == df)
  totals <- x$period1 + x$period2
  sequence <- factor(x$sequence, levels = c("AB", "BA"))
  for (level in levels) {
    for (effect in c("treatment", "period")) {
      coefficient <- if (effect == "treatment") "treatmentA" else "period1"
      by_formula <- if (effect == "treatment") (mean(dAB) - mean(dBA)) / 2 else (mean(dAB) + mean(dBA)) / 2
      stopifnot(isTRUE(all.equal(unname(coefs[coefficient, "Estimate"]), by_formula, tolerance = 1e-10)),
                isTRUE(all.equal(unname(coefs[coefficient, "Std. Error"]), se, tolerance = 1e-10)))
      emit_test(name, paste0("crossover_", effect), level,
                coefs[coefficient, "Estimate"], coefs[coefficient, "Std. Error"], coefs[coefficient, "t value"],
                fit$df.residual, coefs[coefficient, "Pr(>|t|)"], confint(fit, coefficient, level = level))
    }
    carry <- t.test(totals ~ sequence, var.equal = TRUE, conf.level = level)
    emit_test(name, "crossover_carryover", level, unname(carry$estimate[1] - carry$estimate[2]), carry$stderr,
              unname(carry$statistic), unname(carry$parameter), carry$p.value, carry$conf.int)
  }
}

# crossover-long.csv: the same crossover data as WalkStats reads a participant file of a crossover
# (one row per participant x condition; timepoint = the condition received, period and sequence columns),
# conditions "A" and "B" with B first in the condition order, so WalkStats' treatment effect A - B is the
# treatment coefficient above. Rows are shuffled so that no analysis can depend on row order.
set.seed(2002)
long_rows <- do.call(rbind, lapply(unique(crossover$dataset), function(name) {
  x <- crossover[crossover$dataset == name, ]
  first <- ifelse(x$sequence == "AB", "A", "B"); second <- ifelse(x$sequence == "AB", "B", "A")
  data.frame(participant = rep(paste0(name, "-", x$participant), 2), arm = name,
             timepoint = c(first, second), outcome = "y", value = c(x$period1, x$period2),
             period = rep(c("1", "2"), each = nrow(x)), sequence = rep(x$sequence, 2))
}))
long_rows <- long_rows[sample(nrow(long_rows)), ]
long_rows$timepoint <- factor(long_rows$timepoint, levels = c("B", "A"))
long_rows <- long_rows[order(long_rows$timepoint == "A"), ]   # B rows first: the file's condition order is B, A
long_rows$timepoint <- as.character(long_rows$timepoint)
con <- file("crossover-long.csv", open = "wb")
write.csv(long_rows, con, row.names = FALSE, quote = FALSE, eol = "\n")
close(con)

if (anyDuplicated(paste(rows_dataset, rows_key))) stop("duplicate dataset/key")

lines <- c(
  "# generated by generate.R \u2014 do not edit",
  paste0("# R.version.string: ", R.version.string),
  paste0("# packages: stats ", as.character(packageVersion("stats")), ", effectsize ", effectsize_version,
         if (has_repeated_measures_d) " (repeated_measures_d compared)" else " (has no repeated_measures_d)"),
  "dataset,key,value",
  paste(rows_dataset, rows_key, rows_value, sep = ",")
)
con <- file("expected.csv", open = "wb")
writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
close(con)
cat("wrote expected.csv:", length(rows_value), "rows\n")
