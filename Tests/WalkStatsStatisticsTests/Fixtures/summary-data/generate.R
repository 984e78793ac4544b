# Writes expected.csv: R reference values for WalkStats' statistics from printed summaries
# (t-tests and effect sizes from n/mean/SD, SD and mean conversions, change-score SD imputation,
# within-subject paired tests over the unknown correlation, and p-value consistency ranges).
# Run from this folder:  Rscript generate.R
# Needs R 4.2.2 with effectsize 0.8.3 (Debian r-cran-effectsize). See README.md for the key layout.
#
# The t-tests are R's own t.test, run on data constructed to have exactly the printed n, means, SDs
# (and, for paired data, correlation); the same numbers by the textbook formulas are asserted equal.

options(warn = 2)

suppressPackageStartupMessages(library(effectsize))

rows_dataset <- character(0)
rows_key <- character(0)
rows_value <- character(0)

emit <- function(dataset, key, value) {
  stopifnot(length(value) == 1, is.numeric(value), is.finite(value))
  if (grepl("[,\"\r\n]", key) || grepl("[,\"\r\n]", dataset)) stop("needs CSV quoting: ", dataset, " ", key)
  rows_dataset <<- c(rows_dataset, dataset)
  rows_key <<- c(rows_key, key)
  rows_value <<- c(rows_value, sprintf("%.17g", value))
}

key <- function(...) paste(c(...), collapse = "/")
same <- function(a, b, tol = 1e-10) isTRUE(all.equal(a, b, tolerance = tol))

read_summaries <- function(file) {
  read.csv(file, stringsAsFactors = FALSE, na.strings = c("", "NA", "NaN"), check.names = FALSE)
}

# A sample of n values with mean m and SD s exactly (to rounding): m + s * standardised 1..n.
exact_sample <- function(n, m, s) {
  z <- seq_len(n)
  z <- (z - mean(z)) / sd(z)
  m + s * z
}

# Paired samples of n values with means mA, mB, SDs sA, sB and correlation rho exactly.
paired_sample <- function(n, mA, sA, mB, sB, rho) {
  z1 <- seq_len(n)
  z1 <- (z1 - mean(z1)) / sd(z1)
  w <- seq_len(n)^2
  w <- w - mean(w)
  w <- w - sum(w * z1) / sum(z1 * z1) * z1 # orthogonal to z1
  z2 <- w / sd(w)
  x <- mA + sA * z1
  y <- mB + sB * (rho * z1 + sqrt(1 - rho^2) * z2)
  stopifnot(same(mean(y), mB, 1e-12) || abs(mean(y) - mB) < 1e-12, same(sd(y), sB, 1e-12), same(cor(x, y), rho, 1e-12) || abs(cor(x, y) - rho) < 1e-12)
  list(x = x, y = y)
}

emit_htest <- function(dataset, prefix, h) {
  emit(dataset, key(prefix, "statistic"), unname(h$statistic))
  emit(dataset, key(prefix, "df"), unname(h$parameter))
  emit(dataset, key(prefix, "p_value"), h$p.value)
  emit(dataset, key(prefix, "estimate"), if (length(h$estimate) == 2) unname(h$estimate[1] - h$estimate[2]) else unname(h$estimate))
  emit(dataset, key(prefix, "se"), h$stderr)
  emit(dataset, key(prefix, "ci_low"), h$conf.int[1])
  emit(dataset, key(prefix, "ci_high"), h$conf.int[2])
}

# The exact noncentrality roots: ncp with pt(t, df, ncp) = 1 - alpha/2 and alpha/2 (uniroot, tol 1e-13),
# as in ../effect-sizes/generate.R.
exact_ncp <- function(t, df, level) {
  alpha <- 1 - level
  solve <- function(target) {
    f <- function(ncp) pt(t, df, ncp) - target
    w <- 1
    repeat {
      lo <- t - w; hi <- t + w
      if (f(lo) > 0 && f(hi) < 0) break
      w <- 2 * w
      if (w > 1000) stop("no bracket for t = ", t)
    }
    root <- uniroot(f, c(lo, hi), tol = 1e-13, maxiter = 1000)$root
    stopifnot(abs(pt(t, df, root) - target) < 1e-12)
    root
  }
  c(solve(1 - alpha / 2), solve(alpha / 2))
}

published <- read_summaries("published-arm-summaries.csv")
synthetic <- read_summaries("synthetic-two-sample.csv")

# ---------------------------------------------------------------------------------------------
# Two-sample t-tests and effect sizes from summaries (Chen 2021 and synthetic comparisons).
two_sample <- rbind(published[published$study == "chen2021", names(synthetic)], synthetic)
comparisons <- unique(two_sample[, c("study", "timepoint", "outcome")])
for (i in seq_len(nrow(comparisons))) {
  cmp <- comparisons[i, ]
  rows <- two_sample[two_sample$study == cmp$study & two_sample$timepoint == cmp$timepoint &
                       two_sample$outcome == cmp$outcome, ]
  stopifnot(nrow(rows) == 2)
  ds <- key(cmp$study, cmp$timepoint, cmp$outcome)
  A <- rows[1, ]; B <- rows[2, ]
  x <- exact_sample(A$n, A$mean, A$sd)
  y <- exact_sample(B$n, B$mean, B$sd)
  for (level in c(0.95, 0.90)) {
    lev <- sprintf("%.2f", level)
    w <- t.test(x, y, conf.level = level)
    s <- t.test(x, y, var.equal = TRUE, conf.level = level)
    # The same by hand from the summaries (Welch-Satterthwaite; pooled).
    va <- A$sd^2 / A$n; vb <- B$sd^2 / B$n
    se_w <- sqrt(va + vb); df_w <- (va + vb)^2 / (va^2 / (A$n - 1) + vb^2 / (B$n - 1))
    t_w <- (A$mean - B$mean) / se_w
    stopifnot(same(unname(w$statistic), t_w) || abs(t_w) < 1e-12, same(unname(w$parameter), df_w),
              same(w$p.value, 2 * pt(-abs(t_w), df_w)), same(w$stderr, se_w))
    df_s <- A$n + B$n - 2
    sp <- sqrt(((A$n - 1) * A$sd^2 + (B$n - 1) * B$sd^2) / df_s)
    se_s <- sp * sqrt(1 / A$n + 1 / B$n)
    stopifnot(same(s$stderr, se_s), same(unname(s$parameter), df_s))
    emit_htest(ds, key("welch", lev), w)
    emit_htest(ds, key("student", lev), s)

    # Cohen's d and Hedges' g: effectsize's value, exact noncentral-t interval.
    d <- effectsize::cohens_d(x, y, ci = level)
    g <- effectsize::hedges_g(x, y, ci = level)
    hn <- 1 / A$n + 1 / B$n
    t_d <- (A$mean - B$mean) / (sp * sqrt(hn))
    J <- exp(lgamma(df_s / 2) - log(sqrt(df_s / 2)) - lgamma((df_s - 1) / 2))
    stopifnot(same(d$Cohens_d, t_d * sqrt(hn), 1e-9) || abs(d$Cohens_d) < 1e-12,
              same(g$Hedges_g, J * t_d * sqrt(hn), 1e-9) || abs(g$Hedges_g) < 1e-12)
    ncp <- exact_ncp(t_d, df_s, level)
    emit(ds, key("cohens_d", lev, "value"), d$Cohens_d)
    emit(ds, key("cohens_d", lev, "exact_ci_low"), ncp[1] * sqrt(hn))
    emit(ds, key("cohens_d", lev, "exact_ci_high"), ncp[2] * sqrt(hn))
    emit(ds, key("hedges_g", lev, "value"), g$Hedges_g)
    emit(ds, key("hedges_g", lev, "exact_ci_low"), J * ncp[1] * sqrt(hn))
    emit(ds, key("hedges_g", lev, "exact_ci_high"), J * ncp[2] * sqrt(hn))
    emit(ds, key("hedges_g", lev, "effectsize_ci_low"), g$CI_low)
    emit(ds, key("hedges_g", lev, "effectsize_ci_high"), g$CI_high)
  }
}

# ---------------------------------------------------------------------------------------------
# Conversions to SD and mean (Cochrane Handbook 6.5.2.2; Wan et al. 2014; Luo et al. 2018).
wan_range_divisor <- function(n) 2 * qnorm((n - 0.375) / (n + 0.25))
wan_iqr_divisor <- function(n) 2 * qnorm((0.75 * n - 0.125) / (n + 0.25))
luo_range_weight <- function(n) 4 / (4 + n^0.75)
luo_iqr_weight <- function(n) 0.7 + 0.39 / n

for (n in c(2, 3, 5, 10, 16, 20, 50, 100, 400, 1000)) {
  emit("conversion-constants", key("wan_range_divisor", n), wan_range_divisor(n))
  emit("conversion-constants", key("wan_iqr_divisor", n), wan_iqr_divisor(n))
  emit("conversion-constants", key("luo_range_weight", n), luo_range_weight(n))
  emit("conversion-constants", key("luo_iqr_weight", n), luo_iqr_weight(n))
  emit("conversion-constants", key("t_975", n), qt(0.975, n - 1))
}

conv <- read_summaries("conversions.csv")
for (i in seq_len(nrow(conv))) {
  r <- conv[i, ]
  k <- function(field) key(r$study, r$arm, r$timepoint, r$outcome, field)
  n <- r$n
  if (!is.na(r$se)) {
    sd <- r$se * sqrt(n); mean <- r$mean
  } else if (!is.na(r$ci_low)) {
    sd <- sqrt(n) * (r$ci_high - r$ci_low) / (2 * qt(0.975, n - 1)); mean <- r$mean
  } else if (!is.na(r$q1)) {
    sd <- (r$q3 - r$q1) / wan_iqr_divisor(n)
    w <- luo_iqr_weight(n)
    mean <- if (is.na(r$mean)) w * (r$q1 + r$q3) / 2 + (1 - w) * r$median else r$mean
  } else {
    sd <- (r$max - r$min) / wan_range_divisor(n)
    w <- luo_range_weight(n)
    mean <- if (is.na(r$mean)) w * (r$min + r$max) / 2 + (1 - w) * r$median else r$mean
  }
  emit("conversions", k("sd"), sd)
  emit("conversions", k("mean"), mean)
}

# ---------------------------------------------------------------------------------------------
# Change from baseline: SD imputed by the Handbook's formula (6.5.2.8) over rho = 0.2 ... 0.8, and
# Welch's test between arms on the change summaries (n = follow-up n).
change <- read_summaries("synthetic-change.csv")
get_row <- function(df, arm, timepoint) df[df$arm == arm & df$timepoint == timepoint, ]
arms <- c("retro", "control")
for (rho in c(0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)) {
  r <- sprintf("%.1f", rho)
  summaries <- lapply(arms, function(arm) {
    b <- get_row(change, arm, "baseline"); f <- get_row(change, arm, "week6")
    list(n = f$n, mean = f$mean - b$mean, sd = sqrt(b$sd^2 + f$sd^2 - 2 * rho * b$sd * f$sd))
  })
  for (j in 1:2) {
    emit("synthetic-change", key(paste0("rho=", r), arms[j], "mean"), summaries[[j]]$mean)
    emit("synthetic-change", key(paste0("rho=", r), arms[j], "sd"), summaries[[j]]$sd)
  }
  x <- exact_sample(summaries[[1]]$n, summaries[[1]]$mean, summaries[[1]]$sd)
  y <- exact_sample(summaries[[2]]$n, summaries[[2]]$mean, summaries[[2]]$sd)
  emit_htest("synthetic-change", key(paste0("rho=", r), "welch"), t.test(x, y))
}

# ---------------------------------------------------------------------------------------------
# Within-subject designs: paired t from two condition summaries as a function of rho, and the
# smallest rho at which the two-sided p falls below alpha (uniroot; the closed form is asserted).
within <- rbind(published[published$study == "roos2012", names(synthetic)], read_summaries("synthetic-within.csv"))
within_cmp <- unique(within[, c("study", "timepoint", "outcome")])
paired_p <- function(A, B, rho) {
  sdd <- sqrt(max(0, A$sd^2 + B$sd^2 - 2 * rho * A$sd * B$sd))
  t <- (A$mean - B$mean) / (sdd / sqrt(A$n))
  2 * pt(-abs(t), A$n - 1)
}
for (i in seq_len(nrow(within_cmp))) {
  cmp <- within_cmp[i, ]
  rows <- within[within$study == cmp$study & within$timepoint == cmp$timepoint & within$outcome == cmp$outcome, ]
  stopifnot(nrow(rows) == 2, rows$n[1] == rows$n[2])
  ds <- key(cmp$study, cmp$timepoint, cmp$outcome)
  A <- rows[1, ]; B <- rows[2, ]
  for (rho in c(-0.5, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)) {
    r <- sprintf("%.2f", rho)
    s <- paired_sample(A$n, A$mean, A$sd, B$mean, B$sd, rho)
    h <- t.test(s$x, s$y, paired = TRUE)
    sdd <- sqrt(A$sd^2 + B$sd^2 - 2 * rho * A$sd * B$sd)
    stopifnot(same(sd(s$x - s$y), sdd, 1e-12), same(h$p.value, paired_p(A, B, rho), 1e-9))
    emit(ds, key(paste0("rho=", r), "sd_diff"), sdd)
    emit_htest(ds, key(paste0("rho=", r), "paired"), h)
  }
  for (alpha in c(0.05, 0.01, 0.001)) {
    a <- sprintf("%g", alpha)
    crit <- qt(1 - alpha / 2, A$n - 1)
    D <- abs(A$mean - B$mean) * sqrt(A$n) / crit
    emit(ds, key("threshold", a, "critical_t"), crit)
    emit(ds, key("threshold", a, "critical_sd_diff"), D)
    f <- function(rho) paired_p(A, B, rho) - alpha
    if (f(-1) < 0) {
      emit(ds, key("threshold", a, "answer"), 0) # every correlation
    } else if (f(1) >= 0) {
      emit(ds, key("threshold", a, "answer"), 2) # no correlation below 1
    } else {
      root <- uniroot(f, c(-1, 1), tol = 1e-13, maxiter = 1000)$root
      closed <- (A$sd^2 + B$sd^2 - D^2) / (2 * A$sd * B$sd)
      stopifnot(abs(root - closed) < 1e-10)
      emit(ds, key("threshold", a, "answer"), 1)
      emit(ds, key("threshold", a, "rho"), root)
    }
  }
}

# ---------------------------------------------------------------------------------------------
# p-value consistency: the range of the two-sided p over every mean and SD within half a unit of
# the printed value. Student and paired: corners / edges; Welch: optimize() along each edge of the
# SD box (the extremes are on the boundary), checked against a dense grid over the whole box.
cases <- read.csv("p-consistency-cases.csv", stringsAsFactors = FALSE, colClasses = "character")
decimals <- function(text) { parts <- strsplit(text, ".", fixed = TRUE)[[1]]; if (length(parts) == 2) nchar(parts[2]) else 0 }
half <- function(text) 0.5 / 10^decimals(text)
bounds <- function(text, floor = -Inf) c(max(floor, as.numeric(text) - half(text)), as.numeric(text) + half(text))

p_two <- function(delta, sa, sb, na, nb, equal) {
  if (equal) {
    df <- na + nb - 2; se <- sqrt(((na - 1) * sa^2 + (nb - 1) * sb^2) / df * (1 / na + 1 / nb))
  } else {
    va <- sa^2 / na; vb <- sb^2 / nb; se <- sqrt(va + vb); df <- (va + vb)^2 / (va^2 / (na - 1) + vb^2 / (nb - 1))
  }
  if (delta == 0) return(1)
  if (se == 0) return(0)
  min(1, 2 * pt(-abs(delta) / se, df))
}
p_paired <- function(delta, sdd, n) {
  if (delta == 0) return(1)
  if (sdd == 0) return(0)
  min(1, 2 * pt(-abs(delta) / (sdd / sqrt(n)), n - 1))
}
# Minimum of f(sa, sb) over the boundary of the box [sa] x [sb]: each edge by optimize() plus its ends.
boundary_min <- function(f, sa, sb) {
  edges <- list(function(u) f(u, sb[1]), function(u) f(u, sb[2]), function(u) f(sa[1], u), function(u) f(sa[2], u))
  ranges <- list(sa, sa, sb, sb)
  best <- Inf
  for (e in 1:4) {
    g <- edges[[e]]; r <- ranges[[e]]
    best <- min(best, g(r[1]), g(r[2]))
    if (r[2] > r[1]) {
      grid <- seq(r[1], r[2], length.out = 65)
      vals <- vapply(grid, g, 0)
      j <- which.min(vals)
      lo <- grid[max(j - 1, 1)]; hi <- grid[min(j + 1, 65)]
      opt <- optimize(g, c(lo, hi), tol = 1e-14 * max(1, r[2]))
      best <- min(best, vals, opt$objective)
    }
  }
  best
}
# A dense grid over the whole box, to check that no interior point beats the boundary search.
grid_min <- function(f, sa, sb, k = 61) {
  best <- Inf
  for (u in seq(sa[1], sa[2], length.out = k)) for (v in seq(sb[1], sb[2], length.out = k)) best <- min(best, f(u, v))
  best
}
sd_diff <- function(sa, sb, rho) sqrt(max(0, sa^2 + sb^2 - 2 * rho * sa * sb))

for (i in seq_len(nrow(cases))) {
  cs <- cases[i, ]
  ds <- "p-consistency"
  na <- as.integer(cs$n_a); nb <- as.integer(cs$n_b)
  ma <- bounds(cs$mean_a); mb <- bounds(cs$mean_b)
  sa <- bounds(cs$sd_a, 0); sb <- bounds(cs$sd_b, 0)
  dlo <- ma[1] - mb[2]; dhi <- ma[2] - mb[1]
  largest <- max(abs(dlo), abs(dhi))
  smallest <- if (dlo <= 0 && dhi >= 0) 0 else min(abs(dlo), abs(dhi))
  delta_printed <- as.numeric(cs$mean_a) - as.numeric(cs$mean_b)
  range_at <- function(rho) {
    if (cs$test == "paired") {
      lo_sd <- boundary_min(function(u, v) sd_diff(u, v, rho), sa, sb)
      hi_sd <- -boundary_min(function(u, v) -sd_diff(u, v, rho), sa, sb)
      stopifnot(lo_sd <= grid_min(function(u, v) sd_diff(u, v, rho), sa, sb) + 1e-12)
      c(p_paired(largest, lo_sd, na), p_paired(smallest, hi_sd, na))
    } else {
      equal <- cs$test == "student"
      fmin <- function(u, v) p_two(largest, u, v, na, nb, equal)
      fmax <- function(u, v) -p_two(smallest, u, v, na, nb, equal)
      lo <- boundary_min(fmin, sa, sb)
      hi <- if (smallest == 0) 1 else -boundary_min(fmax, sa, sb)
      stopifnot(lo <= grid_min(fmin, sa, sb) * (1 + 1e-12), -hi <= grid_min(fmax, sa, sb) * (1 - 1e-12) + 1e-300)
      c(lo, hi)
    }
  }
  claim <- cs$claim
  rel <- sub("^[pP] *([<>=]+).*$", "\\1", claim)
  cval <- sub("^[pP] *[<>=]+ *", "", claim)
  c_num <- as.numeric(cval)
  upper_target <- switch(rel, "<" = c_num, "<=" = c_num, "=" = c_num + half(cval), NA)
  lower_target <- switch(rel, ">" = c_num, ">=" = c_num, "=" = max(0, c_num - half(cval)), NA)
  admits_low <- function(p) switch(rel, "<" = p < c_num, "<=" = p <= c_num, "=" = p <= upper_target, TRUE)
  admits_high <- function(p) switch(rel, ">" = p > c_num, ">=" = p >= c_num, "=" = p >= lower_target, TRUE)

  if (cs$test == "paired") {
    rlo <- as.numeric(cs$rho_low); rhi <- as.numeric(cs$rho_high)
    p_lo <- range_at(rhi)[1]; p_hi <- range_at(rlo)[2]
    emit(ds, key(cs$case, "p_low"), p_lo)
    emit(ds, key(cs$case, "p_high"), p_hi)
    if (rlo == rhi) {
      emit(ds, key(cs$case, "p_point"), p_paired(delta_printed, sd_diff(as.numeric(cs$sd_a), as.numeric(cs$sd_b), rlo), na))
    }
    lowest <- function(rho) range_at(rho)[1]
    highest <- function(rho) range_at(rho)[2]
    rho1 <- rlo; rho2 <- rhi; none <- FALSE
    if (!admits_low(lowest(rlo))) {
      if (!admits_low(lowest(rhi)) || is.na(upper_target)) none <- TRUE
      else rho1 <- uniroot(function(r) lowest(r) - upper_target, c(rlo, rhi), tol = 1e-13, maxiter = 1000)$root
    }
    if (!none && !admits_high(highest(rhi))) {
      if (!admits_high(highest(rlo)) || is.na(lower_target)) none <- TRUE
      else rho2 <- uniroot(function(r) highest(r) - lower_target, c(rlo, rhi), tol = 1e-13, maxiter = 1000)$root
    }
    if (none || rho1 > rho2) {
      verdict <- 1
    } else {
      emit(ds, key(cs$case, "rho_low"), rho1)
      emit(ds, key(cs$case, "rho_high"), rho2)
      verdict <- if (rho1 == rlo && rho2 == rhi) 0 else 2
    }
    if (p_lo == 0 && p_hi == 1) verdict <- 2
  } else {
    r <- range_at(0)
    emit(ds, key(cs$case, "p_low"), r[1])
    emit(ds, key(cs$case, "p_high"), r[2])
    emit(ds, key(cs$case, "p_point"), p_two(delta_printed, as.numeric(cs$sd_a), as.numeric(cs$sd_b), na, nb, cs$test == "student"))
    verdict <- if (r[1] == 0 && r[2] == 1) 2 else if (admits_low(r[1]) && admits_high(r[2])) 0 else 1
  }
  emit(ds, key(cs$case, "verdict"), verdict) # 0 consistent, 1 inconsistent, 2 cannot tell
}

# ---------------------------------------------------------------------------------------------
pkgs <- c("stats", "effectsize")
header <- c(
  "# generated by generate.R — do not edit",
  paste0("# R.version.string: ", R.version.string),
  paste0("# packages: ", paste(vapply(pkgs, function(p) paste(p, as.character(packageVersion(p))), ""), collapse = ", ")),
  "dataset,key,value"
)
writeLines(c(header, paste(rows_dataset, rows_key, rows_value, sep = ",")), "expected.csv", useBytes = TRUE)
cat("wrote", length(rows_value), "values to expected.csv\n")
