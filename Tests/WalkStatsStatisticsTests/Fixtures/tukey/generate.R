# Writes the studentized range / Tukey HSD fixture: a grid of R's ptukey values, exact quantiles (the
# root of ptukey(q) = p found by uniroot at tol 1e-14, with R's own qtukey beside them), and
# TukeyHSD(aov(value ~ group)) on the input CSVs written here.
# Run from this folder:  Rscript generate.R
# Uses base R and the stats package only. See README.md.

options(warn = 2) # any warning is an error: reference values must come from clean runs

rows_dataset <- character(0); rows_key <- character(0); rows_value <- character(0)
emit <- function(dataset, key, value) {
  stopifnot(length(value) == 1, is.numeric(value), !is.na(value))
  rows_dataset <<- c(rows_dataset, dataset)
  rows_key <<- c(rows_key, key)
  rows_value <<- c(rows_value, if (is.infinite(value)) "Inf" else sprintf("%.17g", value))
}
df_label <- function(df) if (is.infinite(df)) "Inf" else format(df)

# ---- 0. An independent reference for ptukey -----------------------------------------------------------
# R's ptukey loses accuracy, most for few degrees of freedom (its s-integral has fixed 16-node panels,
# coarse where W(q s) rises steeply near s = 0) but also near df = 25000 and for many means at small q:
# for k = 2, where the studentized range is sqrt(2) |t_df|, ptukey(3, 2, 2) = 0.832089 but
# 2 pt(3 / sqrt(2), 2) - 1 = 0.832050. So beside each
# ptukey value this script also records the same integrals by adaptive quadrature (integrate, rel.tol
# 1e-12 inside, 1e-11 outside), and for k = 2 the exact t-distribution value.
range_cdf <- function(w, k) {
  if (w <= 0) return(0)
  inside <- function(x) ifelse(x > w, pnorm(x - w, lower.tail = FALSE) - pnorm(x, lower.tail = FALSE),
                               pnorm(x) - pnorm(x - w))
  f <- function(x) dnorm(x) * inside(x)^(k - 1)
  min(1, (2 * pnorm(w / 2) - 1)^k +
        2 * k * integrate(f, w / 2, max(w / 2, 10), rel.tol = 1e-12, abs.tol = 1e-20,
                        subdivisions = 1000, stop.on.error = FALSE)$value)
}
reference_cdf <- function(q, k, df, r = 1) {
  if (is.infinite(df)) return(range_cdf(q, k)^r)
  dens <- function(s) exp(df / 2 * log(df) - (df / 2 - 1) * log(2) - lgamma(df / 2) + (df - 1) * log(s) - df * s^2 / 2)
  lo <- sqrt(qchisq(1e-22, df) / df); hi <- sqrt(qchisq(1e-22, df, lower.tail = FALSE) / df)
  g <- function(s) vapply(s, function(si) dens(si) * range_cdf(q * si, k)^r, 0)
  # Break the s-range where W(q s) rises (s near 1 / q) and at the mode of s.
  cuts <- sort(unique(pmin(hi, pmax(lo, c(lo, 0.5 / q, 1 / q, 2 / q, 4 / q, 8 / q, sqrt((df - 1) / df), hi)))))
  total <- 0
  for (i in seq_len(length(cuts) - 1)) {
    total <- total + integrate(g, cuts[i], cuts[i + 1], rel.tol = 1e-11, abs.tol = 0, subdivisions = 1000,
                           stop.on.error = FALSE)$value
  }
  total
}

# ---- 1. ptukey on a grid -----------------------------------------------------------------------------
# Keys: k<nmeans>_df<df>_q<q>[_r<nranges>]; R treats df > 25000 as infinite (wprob alone).

nmeans <- 2:10
dfs <- c(2, 3, 5, 7.5, 10, 20, 50, 120, 1000, 5000, 20000, 24000, Inf)
qs <- c(0.1, 0.5, 1, 1.5, 2, 3, 4, 5, 6, 8)
for (k in nmeans) for (df in dfs) for (q in qs) {
  key <- sprintf("k%d_df%s_q%s", k, df_label(df), format(q))
  emit("ptukey", key, ptukey(q, k, df))
  emit("reference", key, reference_cdf(q, k, df))
  if (k == 2) emit("exact", key, if (is.infinite(df)) 2 * pnorm(q / sqrt(2)) - 1 else 2 * pt(q / sqrt(2), df) - 1)
}
# More than one range (nranges), as ptukey(q, nmeans, df, nranges).
for (r in c(2, 3)) for (k in c(2, 4, 6)) for (df in c(5, 30, Inf)) for (q in c(0.5, 2, 4, 6)) {
  key <- sprintf("k%d_df%s_q%s_r%d", k, df_label(df), format(q), r)
  emit("ptukey", key, ptukey(q, k, df, nranges = r))
  emit("reference", key, reference_cdf(q, k, df, r))
}
# Small probabilities: q (to 6 significant digits) where ptukey is about 1e-6, 1e-5 and 1e-4.
for (k in c(2, 3, 5, 10)) for (df in c(2, 5, 20, 1000, Inf)) for (target in c(1e-6, 1e-5, 1e-4)) {
  root <- uniroot(function(q) log(ptukey(q, k, df)) - log(target), c(1e-8, 10), tol = 1e-14)$root
  q <- signif(root, 6)
  key <- sprintf("k%d_df%s_q%s", k, df_label(df), format(q, digits = 6))
  emit("ptukey", key, ptukey(q, k, df))
  emit("reference", key, reference_cdf(q, k, df))
}

# ---- 2. Quantiles ------------------------------------------------------------------------------------
# The exact root of ptukey(q, k, df) = p; R's qtukey (a secant search stopping at |step| < 1e-4) beside it.
for (k in c(2, 3, 4, 5, 6, 8, 10)) for (df in c(2, 3, 5, 10, 20, 60, 120, 1000, Inf)) for (p in c(0.9, 0.95, 0.99)) {
  root <- uniroot(function(q) ptukey(q, k, df) - p, c(0.01, 200), tol = 1e-14, maxiter = 1000)$root
  key <- sprintf("k%d_df%s_p%s", k, df_label(df), format(p))
  emit("quantile", key, root)
  emit("qtukey", key, qtukey(p, k, df))
  # Where R's ptukey is inaccurate at its root, the root of the reference integral as well.
  if (abs(reference_cdf(root, k, df) - p) > 1e-11) {
    exact <- uniroot(function(q) reference_cdf(q, k, df) - p, root * c(0.9, 1.1), tol = 1e-13)$root
    emit("quantile_reference", key, exact)
  }
  if (k == 2) emit("quantile_exact", key, sqrt(2) * (if (is.infinite(df)) qnorm((1 + p) / 2) else qt((1 + p) / 2, df)))
}

# ---- 3. Tukey HSD ------------------------------------------------------------------------------------

set.seed(20241130, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
make <- function(levels, sizes, means, sd, digits = 1) {
  data.frame(group = rep(levels, sizes),
             value = round(unlist(Map(function(n, m) rnorm(n, m, sd), sizes, means)), digits))
}
inputs <- list()
inputs[["three-unequal"]] <- make(c("control", "walk", "bike"), c(7, 10, 5), c(6, 4.8, 5.5), 1.3)
inputs[["four-unequal"]] <- make(c("D", "A", "C", "B"), c(6, 9, 12, 8), c(30, 34, 31, 29), 4, digits = 2)
# Integer scores with many ties (and equal means in two groups by construction of the rounding).
inputs[["ties"]] <- make(c("usual", "group", "home"), c(8, 8, 11), c(5, 5.4, 6.5), 1.1, digits = 0)
# One extreme value in the second group.
local({
  d <- make(c("a", "b", "c", "d"), c(9, 7, 8, 10), c(12, 13, 12.5, 14), 1.5)
  d$value[d$group == "b"][3] <- 31.4
  inputs[["outlier"]] <<- d
})
# A group of a single value (Tukey-Kramer with n = 1).
inputs[["singleton"]] <- make(c("x", "y", "z"), c(5, 1, 6), c(0.2, 1.1, -0.4), 0.8, digits = 2)
for (name in names(inputs)) write.csv(inputs[[name]], paste0(name, ".csv"), row.names = FALSE, quote = FALSE)

levels_of <- lapply(inputs, function(d) unique(d$group))
for (name in names(inputs)) for (level in c(0.95, 0.90)) {
  d <- read.csv(paste0(name, ".csv"), stringsAsFactors = FALSE) # the values the CSV holds
  d$group <- factor(d$group, levels = levels_of[[name]])        # levels in the order of first appearance
  fit <- aov(value ~ group, data = d)
  hsd <- TukeyHSD(fit, "group", conf.level = level)$group
  mse <- sum(fit$residuals^2) / fit$df.residual
  k <- nlevels(d$group)
  exact <- uniroot(function(q) ptukey(q, k, fit$df.residual) - level, c(0.01, 200), tol = 1e-14, maxiter = 1000)$root
  n <- table(d$group)
  unadjusted <- pairwise.t.test(d$value, d$group, pool.sd = TRUE, p.adjust.method = "none")$p.value
  tag <- sprintf("%s@%s", name, format(level))
  emit(tag, "df", fit$df.residual)
  emit(tag, "mse", mse)
  emit(tag, "critical", exact)
  for (pair in rownames(hsd)) {
    lv <- strsplit(pair, "-")[[1]]
    se <- sqrt(mse / 2 * (1 / n[[lv[1]]] + 1 / n[[lv[2]]]))
    emit(tag, paste0(pair, ".diff"), hsd[pair, "diff"])
    emit(tag, paste0(pair, ".lwr"), hsd[pair, "lwr"])
    emit(tag, paste0(pair, ".upr"), hsd[pair, "upr"])
    emit(tag, paste0(pair, ".p"), hsd[pair, "p adj"])
    emit(tag, paste0(pair, ".q"), hsd[pair, "diff"] / se)
    emit(tag, paste0(pair, ".lwr_exact"), hsd[pair, "diff"] - exact * se)
    emit(tag, paste0(pair, ".upr_exact"), hsd[pair, "diff"] + exact * se)
    # pairwise.t.test pools SDs with sd() per group, which is NA for a group of one value (the "singleton"
    # set); there the same pooled-SD t p-value is written from TukeyHSD's own MSE: 2 * pt(-|q| / sqrt(2), df).
    by_formula <- 2 * pt(-abs(hsd[pair, "diff"] / se) / sqrt(2), fit$df.residual)
    from_r <- unadjusted[lv[1], lv[2]]
    if (!is.na(from_r)) stopifnot(abs(from_r - by_formula) <= 1e-12 * max(from_r, 1e-300))
    emit(tag, paste0(pair, ".p_unadjusted"), if (is.na(from_r)) by_formula else from_r)
  }
}

out <- file("expected.csv", "wb")
writeLines(c("# generated by generate.R — do not edit",
             paste0("# R.version.string: ", R.version.string),
             paste0("# packages: stats ", packageVersion("stats")),
             "dataset,key,value",
             paste(rows_dataset, rows_key, rows_value, sep = ",")), out)
close(out)
