# Writes expected.csv: R reference values for the WalkStats statistics tests.
# Run from this folder:  Rscript generate.R
# Uses base R (stats), effectsize and car. See README.md for the key layout and definitions.

options(warn = 2) # any warning is an error: reference values must come from clean runs

suppressPackageStartupMessages({
  library(effectsize)
  library(car)
})

datasets <- c("sleep", "unequal-missing", "retro-walking-trial", "ties-zeros", "large-no-ties")
# Participant attributes the ANCOVA also adjusts for (keys ancova_cov/...), per dataset.
covariates_of <- list("retro-walking-trial" = c("age", "sex", "kl_grade"), "ties-zeros" = c("age", "sex"),
                      "large-no-ties" = c("age", "sex", "kl_grade"))

# Runs `expr` quietly; NULL when R stops or warns that the result is undefined.
quietly <- function(expr) tryCatch(suppressWarnings(expr), error = function(e) NULL)
emit_if <- function(dataset, key, value) {
  if (!is.null(value) && length(value) == 1 && is.finite(value)) emit(dataset, key, value)
}

rows_key <- character(0)
rows_dataset <- character(0)
rows_value <- character(0)

emit <- function(dataset, key, value) {
  stopifnot(length(value) == 1, is.numeric(value), is.finite(value))
  if (grepl("[,\"\r\n]", key)) stop("key needs CSV quoting: ", key)
  rows_dataset <<- c(rows_dataset, dataset)
  rows_key <<- c(rows_key, key)
  rows_value <<- c(rows_value, sprintf("%.17g", value))
}

key <- function(...) paste(c(...), collapse = "/")

read_long <- function(path) {
  header <- names(read.csv(path, nrows = 1))
  classes <- c(participant = "character", arm = "character", timepoint = "character",
               outcome = "character", value = "numeric", sex = "character")
  d <- read.csv(path, na.strings = c("", "NA", "NaN"), stringsAsFactors = FALSE,
                colClasses = classes[names(classes) %in% header])
  if (anyDuplicated(d[, c("participant", "timepoint", "outcome")]))
    stop(path, ": a participant/timepoint/outcome appears more than once")
  arm_of <- tapply(d$arm, d$participant, function(a) length(unique(a)))
  if (any(arm_of != 1)) stop(path, ": a participant is in more than one arm")
  d
}

# Values of one arm/timepoint/outcome, one per randomised participant of the arm (NA when the value
# is NA or the row is absent), in the order of `ids`.
values_for <- function(d, ids, tp, out) {
  sel <- d[d$timepoint == tp & d$outcome == out, ]
  sel$value[match(ids, sel$participant)]
}

emit_test <- function(dataset, prefix, tt, estimate) {
  emit(dataset, key(prefix, "statistic"), unname(tt$statistic))
  emit(dataset, key(prefix, "df"), unname(tt$parameter))
  emit(dataset, key(prefix, "p_value"), tt$p.value)
  emit(dataset, key(prefix, "estimate"), estimate)
  emit(dataset, key(prefix, "ci_low"), tt$conf.int[1])
  emit(dataset, key(prefix, "ci_high"), tt$conf.int[2])
}

# Welch: defined when both groups have n >= 2 and not both are constant (R stops otherwise).
# Student (pooled): defined when both n >= 1, n_A + n_B >= 3 and the pooled variance is > 0.
two_sample <- function(dataset, prefix, a, b) {
  na <- length(a); nb <- length(b)
  va <- if (na >= 2) var(a) else 0
  vb <- if (nb >= 2) var(b) else 0
  if (na >= 2 && nb >= 2 && (va > 0 || vb > 0)) {
    tt <- t.test(a, b)
    emit_test(dataset, key(prefix, "welch_t"), tt, mean(a) - mean(b))
  }
  if (na >= 1 && nb >= 1 && na + nb >= 3 && ((na - 1) * va + (nb - 1) * vb) > 0) {
    tt <- t.test(a, b, var.equal = TRUE)
    emit_test(dataset, key(prefix, "student_t"), tt, mean(a) - mean(b))
  }
}

emit_rank_test <- function(dataset, prefix, wt) {
  emit(dataset, key(prefix, "statistic"), unname(wt$statistic))
  emit(dataset, key(prefix, "p_value"), wt$p.value)
  emit_if(dataset, key(prefix, "estimate"), unname(wt$estimate))
  emit_if(dataset, key(prefix, "ci_low"), wt$conf.int[1])
  emit_if(dataset, key(prefix, "ci_high"), wt$conf.int[2])
  if (all(is.finite(wt$conf.int))) emit(dataset, key(prefix, "conf_level"), attr(wt$conf.int, "conf.level"))
}

# The value is effectsize's. The interval is effectsize's method — the noncentral-t ncp with
# pt(t, df, ncp) = 0.975 and 0.025, scaled back — but solved with uniroot to tol 1e-13: effectsize
# 0.8.3 stops its optim() search early (bounds off by up to ~1e-5 relative; see
# ../effect-sizes/README.md), so its printed bounds cannot serve as a 1e-6 reference.
# `scale` turns an ncp into the effect (sqrt(hn), times J for Hedges' g).
exact_ncp <- function(t, df, p) {
  f <- function(ncp) suppressWarnings(pt(t, df, ncp)) - p
  lo <- t - 10; hi <- t + 10
  while (f(lo) < 0) lo <- lo - 10
  while (f(hi) > 0) hi <- hi + 10
  uniroot(f, c(lo, hi), tol = 1e-13)$root
}
emit_effect <- function(dataset, prefix, value, es, t, df, scale) {
  emit(dataset, key(prefix, "value"), value)
  stopifnot(abs(es$CI_low - exact_ncp(t, df, 0.975) * scale) < 1e-4 * max(1, abs(es$CI_low)))
  emit(dataset, key(prefix, "ci_low"), exact_ncp(t, df, 0.975) * scale)
  emit(dataset, key(prefix, "ci_high"), exact_ncp(t, df, 0.025) * scale)
}

# One row per participant of arms A and B with both timepoints (and every covariate) known.
ancova_frame <- function(d, ids, A, B, from, to, out, covs) {
  rows <- list()
  for (arm in c(A, B)) {
    pid <- ids[[arm]]
    f <- data.frame(participant = pid, arm = arm,
                    pre = values_for(d, pid, from, out), post = values_for(d, pid, to, out),
                    stringsAsFactors = FALSE)
    for (cv in covs) f[[cv]] <- d[[cv]][match(pid, d$participant)]
    rows[[arm]] <- f
  }
  f <- do.call(rbind, rows)
  f <- f[complete.cases(f[, c("pre", "post", covs)]), ]
  f$arm <- factor(f$arm, levels = c(B, A))
  f
}

# lm(post ~ pre + arm [+ covariates]); the arm coefficient is A - B. Emitted when both arms have at
# least 2 participants, no coefficient is aliased and residual df >= 1 (WalkStats errors otherwise).
ancova_keys <- function(dataset, prefix, d, ids, A, B, from, to, out, covs) {
  f <- ancova_frame(d, ids, A, B, from, to, out, covs)
  if (sum(f$arm == A) < 2 || sum(f$arm == B) < 2) return(invisible())
  for (cv in covs) if (is.character(f[[cv]])) f[[cv]] <- factor(f[[cv]])
  fit <- lm(reformulate(c("pre", "arm", covs), response = "post"), data = f)
  if (any(is.na(coef(fit))) || fit$df.residual < 1) return(invisible())
  row <- paste0("arm", A)
  co <- summary(fit)$coefficients[row, ]
  ci <- confint(fit, row, level = 0.95)
  emit(dataset, key(prefix, "n_A"), sum(f$arm == A))
  emit(dataset, key(prefix, "n_B"), sum(f$arm == B))
  emit(dataset, key(prefix, "estimate"), co[["Estimate"]])
  emit(dataset, key(prefix, "se"), co[["Std. Error"]])
  emit(dataset, key(prefix, "statistic"), co[["t value"]])
  emit(dataset, key(prefix, "df"), fit$df.residual)
  emit(dataset, key(prefix, "p_value"), co[["Pr(>|t|)"]])
  emit(dataset, key(prefix, "ci_low"), ci[1])
  emit(dataset, key(prefix, "ci_high"), ci[2])
}

# p.adjust across the outcomes (first -> last timepoint), one family per test and place, for Holm and BH:
# adjusted/<method>/within/<arm>/<test>/<outcome> and adjusted/<method>/between/<test>/<outcome>.
adjusted_keys <- function(dataset, d, ids, arms, from, to, outcomes) {
  fam <- list()
  add <- function(family, out, p) if (!is.null(p) && is.finite(p)) fam[[family]][[out]] <<- p
  for (out in outcomes) {
    ch <- list()
    for (arm in arms[1:min(2, length(arms))]) {
      a <- values_for(d, ids[[arm]], from, out); b <- values_for(d, ids[[arm]], to, out)
      ok <- !is.na(a) & !is.na(b)
      ch[[arm]] <- b[ok] - a[ok]
      if (sum(ok) >= 2 && sd(ch[[arm]]) > 0) add(key("within", arm, "paired_t"), out, t.test(b[ok], a[ok], paired = TRUE)$p.value)
      add(key("within", arm, "wilcoxon_signed_rank"), out, quietly(wilcox.test(b[ok], a[ok], paired = TRUE, conf.int = TRUE))$p.value)
    }
    if (length(arms) >= 2) {
      A <- arms[1]; B <- arms[2]; ca <- ch[[A]]; cb <- ch[[B]]
      f <- ancova_frame(d, ids, A, B, from, to, out, character(0))
      if (sum(f$arm == A) >= 2 && sum(f$arm == B) >= 2) {
        fit <- lm(post ~ pre + arm, data = f)
        if (!any(is.na(coef(fit))) && fit$df.residual >= 1)
          add("between/ancova", out, summary(fit)$coefficients[paste0("arm", A), "Pr(>|t|)"])
      }
      if (length(ca) >= 2 && length(cb) >= 2 && (var(ca) > 0 || var(cb) > 0)) add("between/welch_t", out, t.test(ca, cb)$p.value)
      if (length(ca) >= 1 && length(cb) >= 1 && length(ca) + length(cb) >= 3 &&
          ((length(ca) - 1) * (if (length(ca) > 1) var(ca) else 0) + (length(cb) - 1) * (if (length(cb) > 1) var(cb) else 0)) > 0)
        add("between/student_t", out, t.test(ca, cb, var.equal = TRUE)$p.value)
      add("between/mann_whitney", out, quietly(wilcox.test(ca, cb, conf.int = TRUE))$p.value)
    }
  }
  for (method in c("holm", "BH")) for (family in names(fam)) {
    p <- unlist(fam[[family]])
    adj <- p.adjust(p, method = method)
    for (out in names(p)) emit(dataset, key("adjusted", method, family, out), adj[[out]])
  }
}

for (name in datasets) {
  d <- read_long(paste0(name, ".csv"))
  arms <- unique(d$arm)
  tps <- unique(d$timepoint)
  outcomes <- unique(d$outcome)
  ids <- lapply(setNames(arms, arms), function(a) unique(d$participant[d$arm == a]))

  # describe/<arm>/<timepoint>/<outcome>/<field>
  for (arm in arms) for (tp in tps) for (out in outcomes) {
    v <- values_for(d, ids[[arm]], tp, out)
    x <- v[!is.na(v)]
    n <- length(x)
    k <- function(field) key("describe", arm, tp, out, field)
    emit(name, k("n"), n)
    emit(name, k("missing"), length(ids[[arm]]) - n)
    if (n == 0) next
    m <- mean(x)
    emit(name, k("mean"), m)
    if (n >= 2) {
      s <- sd(x)
      se <- s / sqrt(n)
      q <- qt(0.975, n - 1)
      emit(name, k("sd"), s)
      emit(name, k("se"), se)
      emit(name, k("ci_low"), m - q * se)
      emit(name, k("ci_high"), m + q * se)
    }
    emit(name, k("median"), median(x))
    emit(name, k("q1"), unname(quantile(x, 0.25, type = 7)))
    emit(name, k("q3"), unname(quantile(x, 0.75, type = 7)))
    emit(name, k("min"), min(x))
    emit(name, k("max"), max(x))
  }

  # within/<arm>/<outcome>/<from>/<to>/<field>
  from <- tps[1]
  changes <- list()
  for (arm in arms) for (out in outcomes) for (to in tps[-1]) {
    a <- values_for(d, ids[[arm]], from, out)
    b <- values_for(d, ids[[arm]], to, out)
    ok <- !is.na(a) & !is.na(b)
    ch <- b[ok] - a[ok]
    changes[[key(arm, out, to)]] <- ch
    n <- length(ch)
    k <- function(field) key("within", arm, out, from, to, field)
    emit(name, k("n"), n)
    emit(name, k("missing"), length(ids[[arm]]) - n)
    if (n >= 1) emit(name, k("mean_change"), mean(ch))
    if (n >= 2) {
      s <- sd(ch)
      emit(name, k("sd_change"), s)
      if (s > 0) {
        tt <- t.test(b[ok], a[ok], paired = TRUE)
        emit_test(name, k("paired_t"), tt, unname(tt$estimate))
      }
    }
    wt <- quietly(wilcox.test(b[ok], a[ok], paired = TRUE, conf.int = TRUE))
    if (!is.null(wt)) emit_rank_test(name, k("wilcoxon_signed_rank"), wt)
    if (n >= 2 && sd(ch) > 0) {
      es <- cohens_d(b[ok], a[ok], paired = TRUE)
      emit_effect(name, k("cohens_dz"), es$Cohens_d, es, t = es$Cohens_d * sqrt(n), df = n - 1, scale = 1 / sqrt(n))
    }
    sw <- quietly(shapiro.test(ch))
    if (!is.null(sw)) {
      emit(name, k("shapiro_wilk/statistic"), unname(sw$statistic))
      emit(name, k("shapiro_wilk/p_value"), sw$p.value)
    }
  }

  # between/<A>/<B>/<outcome>/<from>/<to>/...
  if (length(arms) >= 2) {
    A <- arms[1]; B <- arms[2]
    for (out in outcomes) for (to in tps[-1]) {
      ca <- changes[[key(A, out, to)]]
      cb <- changes[[key(B, out, to)]]
      prefix <- key("between", A, B, out, from, to)
      emit(name, key(prefix, "n_A"), length(ca))
      emit(name, key(prefix, "n_B"), length(cb))
      two_sample(name, prefix, ca, cb)
      mw <- quietly(wilcox.test(ca, cb, conf.int = TRUE))
      if (!is.null(mw)) emit_rank_test(name, key(prefix, "mann_whitney"), mw)
      if (length(ca) >= 2 && length(cb) >= 2 && (var(ca) > 0 || var(cb) > 0)) {
        hn <- 1 / length(ca) + 1 / length(cb)
        df <- length(ca) + length(cb) - 2
        es <- cohens_d(ca, cb)
        t <- es$Cohens_d / sqrt(hn)
        emit_effect(name, key(prefix, "cohens_d"), es$Cohens_d, es, t = t, df = df, scale = sqrt(hn))
        J <- exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2))
        es <- hedges_g(ca, cb)
        emit_effect(name, key(prefix, "hedges_g"), es$Hedges_g, es, t = t, df = df, scale = sqrt(hn) * J)
      }
      lv <- quietly(leveneTest(y ~ g, data = data.frame(y = c(ca, cb), g = factor(rep(c("A", "B"), c(length(ca), length(cb)))))))
      if (!is.null(lv) && is.finite(lv[["F value"]][1])) {
        emit(name, key(prefix, "levene_median/statistic"), lv[["F value"]][1])
        emit(name, key(prefix, "levene_median/df"), lv$Df[1])
        emit(name, key(prefix, "levene_median/df2"), lv$Df[2])
        emit(name, key(prefix, "levene_median/p_value"), lv[["Pr(>F)"]][1])
      }
      ancova_keys(name, key(prefix, "ancova"), d, ids, A, B, from, to, out, character(0))
      covs <- covariates_of[[name]]
      if (!is.null(covs)) ancova_keys(name, key(prefix, "ancova_cov"), d, ids, A, B, from, to, out, covs)
    }
  }
  adjusted_keys(name, d, ids, arms, from, tps[length(tps)], outcomes)

  # The classic independent-groups and paired tests on R's sleep data, straight from datasets::sleep.
  if (name == "sleep") {
    s <- datasets::sleep
    s <- s[order(s$group, s$ID), ]
    # sleep.csv must be exactly datasets::sleep in long format
    stopifnot(identical(d$participant, as.character(s$ID)),
              identical(d$timepoint, paste0("drug", s$group)),
              identical(d$value, s$extra))
    x1 <- s$extra[s$group == 1]
    x2 <- s$extra[s$group == 2]
    tt <- t.test(x1, x2)
    emit_test(name, "vectors/sleep/welch_t", tt, mean(x1) - mean(x2))
    tt <- t.test(x1, x2, var.equal = TRUE)
    emit_test(name, "vectors/sleep/student_t", tt, mean(x1) - mean(x2))
    tt <- t.test(x2, x1, paired = TRUE)
    emit_test(name, "vectors/sleep/paired_t", tt, unname(tt$estimate))
  }
}

# The trial fixture must be a byte-identical copy of the sample dataset (when the repository is there).
sample_path <- file.path("..", "..", "..", "..", "datasets", "sample", "retro-walking-trial.csv")
if (file.exists(sample_path)) {
  here <- readBin("retro-walking-trial.csv", "raw", file.size("retro-walking-trial.csv"))
  there <- readBin(sample_path, "raw", file.size(sample_path))
  if (!identical(here, there))
    stop("retro-walking-trial.csv differs from datasets/sample/retro-walking-trial.csv; copy it again")
}

if (anyDuplicated(paste(rows_dataset, rows_key))) stop("duplicate dataset/key")

lines <- c(
  "# generated by generate.R \u2014 do not edit",
  paste0("# R.version.string: ", R.version.string),
  paste0("# packages: stats ", as.character(packageVersion("stats")), ", effectsize ",
         as.character(packageVersion("effectsize")), ", car ", as.character(packageVersion("car"))),
  "dataset,key,value",
  paste(rows_dataset, rows_key, rows_value, sep = ",")
)
con <- file("expected.csv", open = "wb")
writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
close(con)
cat("wrote expected.csv:", length(rows_value), "rows\n")
