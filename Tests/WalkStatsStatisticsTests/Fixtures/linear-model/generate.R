# Writes the linear-model fixture: input CSVs for weighted least squares, generalised least squares
# with a known error covariance, and a three-arm ANCOVA, then expected.csv with R's results.
# Run from this folder:  Rscript generate.R
# Uses base R, stats and nlme (a recommended package shipped with R). See README.md.

options(warn = 2) # any warning is an error: reference values must come from clean runs
suppressPackageStartupMessages(library(nlme))

set.seed(20261129, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")

rows_dataset <- character(0); rows_key <- character(0); rows_value <- character(0)
emit <- function(dataset, key, value) {
  stopifnot(length(value) == 1, is.numeric(value), is.finite(value))
  rows_dataset <<- c(rows_dataset, dataset)
  rows_key <<- c(rows_key, key)
  rows_value <<- c(rows_value, sprintf("%.17g", value))
}
emit_matrix <- function(dataset, key, m) {
  for (i in seq_len(nrow(m))) for (j in seq_len(ncol(m))) emit(dataset, sprintf("%s/%d/%d", key, i - 1, j - 1), m[i, j])
}
emit_vector <- function(dataset, key, v) {
  for (i in seq_along(v)) emit(dataset, sprintf("%s/%d", key, i - 1), v[[i]])
}

# ---- 1. Weighted least squares: lm(y ~ x1 + x2, weights = w) ------------------------------------------

local({
  n <- 30
  x1 <- round(rnorm(n, 50, 10), 1)
  x2 <- round(runif(n, 0, 5), 2)
  w <- round(runif(n, 0.2, 4), 3)
  y <- round(3 + 0.4 * x1 - 1.5 * x2 + rnorm(n, 0, 2) / sqrt(w), 2)
  write.csv(data.frame(y, x1, x2, w), "wls.csv", row.names = FALSE, quote = FALSE)
})
local({
  d <- read.csv("wls.csv")
  fit <- lm(y ~ x1 + x2, data = d, weights = w)
  s <- summary(fit)
  X <- model.matrix(fit)
  emit_vector("wls", "coefficients", coef(fit))
  emit_vector("wls", "se", coef(s)[, "Std. Error"])
  emit_matrix("wls", "vcov", vcov(fit))
  emit_matrix("wls", "cov_unscaled", s$cov.unscaled)
  emit_vector("wls", "residuals", residuals(fit))
  emit("wls", "rss", deviance(fit))
  emit("wls", "sigma2", s$sigma^2)
  emit("wls", "df", fit$df.residual)
  emit("wls", "rank", fit$rank)
  emit("wls", "log_det_xtwx", determinant(crossprod(X * sqrt(d$w)), logarithm = TRUE)$modulus[[1]])
})

# ---- 2. Generalised least squares with a known error covariance ---------------------------------------
# Sigma_ij = sqrt(v_i v_j) rho^|i - j| (AR(1) correlation, known variances v); the direct computation
# (X' S^-1 X)^-1 X' S^-1 y, checked against nlme::gls with the same structure held fixed (REML).

local({
  n <- 16
  x <- round(seq(1, 8, length.out = n) + rnorm(n, 0, 0.3), 2)
  z <- round(rnorm(n, 0, 1), 2)
  v <- round(runif(n, 0.5, 3), 2)
  rho <- 0.6
  S <- outer(sqrt(v), sqrt(v)) * rho^abs(outer(seq_len(n), seq_len(n), "-"))
  e <- as.vector(t(chol(S)) %*% rnorm(n))
  y <- round(1 + 0.8 * x - 0.5 * z + e, 2)
  write.csv(data.frame(y, x, z, v), "gls.csv", row.names = FALSE, quote = FALSE)
})
local({
  d <- read.csv("gls.csv")
  n <- nrow(d)
  rho <- 0.6
  S <- outer(sqrt(d$v), sqrt(d$v)) * rho^abs(outer(seq_len(n), seq_len(n), "-"))
  m <- matrix(sprintf("%.17g", S), n, n)
  writeLines(apply(m, 1, paste, collapse = ","), "gls-sigma.csv")
  S <- matrix(as.numeric(m), n, n) # exactly what the CSV holds
  X <- cbind(1, d$x, d$z)
  Si <- solve(S)
  unscaled <- solve(t(X) %*% Si %*% X)
  beta <- as.vector(unscaled %*% t(X) %*% Si %*% d$y)
  r <- d$y - as.vector(X %*% beta)
  rss <- as.numeric(t(r) %*% Si %*% r)
  sigma2 <- rss / (n - ncol(X))
  g <- gls(y ~ x + z, data = d, correlation = corAR1(rho, form = ~ 1, fixed = TRUE),
           weights = varFixed(~ v), method = "REML")
  stopifnot(isTRUE(all.equal(unname(coef(g)), beta, tolerance = 1e-10)),
            isTRUE(all.equal(unname(vcov(g)), sigma2 * unscaled, tolerance = 1e-10, check.attributes = FALSE)))
  emit_vector("gls", "coefficients", beta)
  emit_matrix("gls", "cov_unscaled", unscaled)
  emit_matrix("gls", "vcov", sigma2 * unscaled)
  emit_vector("gls", "se_nlme", sqrt(diag(vcov(g))))
  emit_vector("gls", "coefficients_nlme", coef(g))
  emit_vector("gls", "residuals", r)
  emit("gls", "rss", rss)
  emit("gls", "sigma2", sigma2)
  emit("gls", "df", n - ncol(X))
  emit("gls", "log_det_xtsx", determinant(t(X) %*% Si %*% X, logarithm = TRUE)$modulus[[1]])
})

# ---- 3. Three-arm ANCOVA: lm(follow_up ~ baseline + arm [+ covariates]), reference arm 'placebo' -------
# Arms first appear in an order that is not the sorted one; the non-reference arms in code-point order
# are dose_high, dose_low.

make_three_arm <- function(sizes) {
  arm <- sample(rep(c("placebo", "dose_low", "dose_high"), sizes))
  arm[1:3] <- c("placebo", "dose_low", "dose_high")
  n <- length(arm)
  baseline <- round(rnorm(n, 6, 1.5), 1)
  effect <- c(placebo = 0, dose_low = -0.6, dose_high = -1.4)[arm]
  follow_up <- round(1 + 0.6 * baseline + effect + rnorm(n, 0, 0.9), 1)
  data.frame(participant = sprintf("P%02d", seq_len(n)), arm, baseline, follow_up)
}
local({
  write.csv(make_three_arm(c(14, 12, 13)), "three-arm.csv", row.names = FALSE, quote = FALSE)
  d <- make_three_arm(c(16, 15, 17))
  d$age <- sample(45:80, nrow(d), replace = TRUE)
  d$sex <- sample(c("F", "M"), nrow(d), replace = TRUE)
  d$follow_up <- round(d$follow_up + 0.02 * (d$age - 60) + 0.3 * (d$sex == "M"), 1)
  write.csv(d, "three-arm-covariates.csv", row.names = FALSE, quote = FALSE)
})
for (name in c("three-arm", "three-arm-covariates")) {
  d <- read.csv(paste0(name, ".csv"), stringsAsFactors = FALSE)
  lv <- sort(unique(d$arm))
  stopifnot(identical(lv, unique(d$arm)[order(unique(d$arm), method = "radix")]))
  d$arm <- relevel(factor(d$arm, levels = lv), ref = "placebo")
  covariates <- if (name == "three-arm") character(0) else c("age", "sex")
  if ("sex" %in% covariates) d$sex <- factor(d$sex, levels = sort(unique(d$sex)))
  fit <- lm(reformulate(c("baseline", "arm", covariates), response = "follow_up"), data = d)
  stopifnot(!anyNA(coef(fit)))
  s <- coef(summary(fit))
  emit(name, "df", fit$df.residual)
  emit(name, "coefficients", nrow(s))
  for (arm in levels(d$arm)) emit(name, paste0("n/", arm), sum(d$arm == arm))
  for (term in rownames(s)) {
    emit(name, paste0(term, "/estimate"), s[term, "Estimate"])
    emit(name, paste0(term, "/se"), s[term, "Std. Error"])
    emit(name, paste0(term, "/statistic"), s[term, "t value"])
    emit(name, paste0(term, "/p_value"), s[term, "Pr(>|t|)"])
  }
  for (arm in c("armdose_high", "armdose_low")) {
    ci <- confint(fit, arm, level = 0.95)
    emit(name, paste0(arm, "/ci_low"), ci[1, 1])
    emit(name, paste0(arm, "/ci_high"), ci[1, 2])
    ci90 <- confint(fit, arm, level = 0.90)
    emit(name, paste0(arm, "/ci90_low"), ci90[1, 1])
    emit(name, paste0(arm, "/ci90_high"), ci90[1, 2])
  }
}

out <- file("expected.csv", "wb")
writeLines(c("# generated by generate.R — do not edit",
             paste0("# R.version.string: ", R.version.string),
             paste0("# packages: stats ", packageVersion("stats"), ", nlme ", packageVersion("nlme")),
             "dataset,key,value",
             paste(rows_dataset, rows_key, rows_value, sep = ",")), out)
close(out)
