# Writes expected.csv: R reference values for WalkStats' omnibus tests of three or more arms (one-way
# ANOVA with eta^2 / omega^2 and their noncentral-F intervals, Welch's ANOVA, Kruskal-Wallis with rank
# epsilon^2, the ANCOVA F test of arm) and for its noncentral F CDF.
# Run from this folder:  Rscript generate.R
# Needs R 4.2.2 with effectsize 0.8.3 and car (Debian r-cran-effectsize, r-cran-car).
#
# input.csv: one row per participant (dataset, arm, pre, post, age); post = NA is a missing follow-up.
# Every analysis uses the complete cases (rows with post present). Arms are factor levels in order of
# first appearance, so the first arm of each dataset is the reference.
#
# Keys of expected.csv (dataset = input dataset, or pf-grid / pf-grid-warned):
#   anova/{F,df1,df2,p}                       anova(lm(post ~ arm))
#   eta2/{value,ci_low,ci_high}               effectsize::eta_squared(fit, partial = FALSE,
#   omega2/{value,ci_low,ci_high}               alternative = "two.sided", ci = 0.95); omega_squared(...)
#   eta2/{f,exact_ncp_low,exact_ncp_high,exact_ci_low,exact_ci_high}
#   omega2/{f,exact_ncp_low,exact_ncp_high,exact_ci_low,exact_ci_high}
#        f: the F statistic effectsize inverts, (es/df1) / ((1 - es)/df2) for its own es;
#        exact_ncp_*: uniroot(tol = 1e-13) roots of pf(f, df1, df2, ncp) = 0.975 / 0.025 (0 when
#        pf(f, df1, df2, 0) is already below the target); exact_ci_* = ncp / (ncp + df2), as effectsize
#        converts its bounds (F_to_eta2 of ncp / df1).
#   welch/{F,df1,df2,p}                       oneway.test(post ~ arm, var.equal = FALSE)
#   kruskal/{H,df,p}                          kruskal.test(post ~ arm)
#   rank_epsilon2/value                       effectsize::rank_epsilon_squared(post ~ arm, ci = NULL)
#   ancova/{F,df1,df2,p}                      car::Anova(lm(post ~ pre + arm), type = 2)["arm", ]
#   ancova_age/{F,df1,df2,p}                  car::Anova(lm(post ~ pre + arm + age), type = 2)["arm", ]
#   {ancova_contrast,ancova_contrast_age}/<B>-<A>/{estimate,se,df,t,p,p_unadjusted,ci_low,ci_high,
#        exact_ci_low,exact_ci_high}: emmeans(lm(post ~ pre + arm [+ age]), pairwise ~ arm, adjust = "tukey")
#        for every pair, written later − earlier (B − A) in level order: emmeans prints A − B, so estimate
#        and t are negated and the interval flipped; p is Tukey's (R's ptukey), p_unadjusted
#        summary(adjust = "none"); exact_ci_* use the exact quantile
#        uniroot(function(q) ptukey(q, k, df) - 0.95, tol = 1e-14) / sqrt(2) instead of R's qtukey.
#   {pairwise_welch,pairwise_wilcox}/<B>-<A>/{p_holm,p,statistic,df,estimate,ci_low,ci_high}: for every
#        pair of levels, later B - earlier A: p_holm from pairwise.t.test(post, arm, pool.sd = FALSE) /
#        pairwise.wilcox.test(post, arm) (Holm, R's default); the rest from the pair's own
#        t.test(post_B, post_A) / wilcox.test(post_B, post_A, conf.int = TRUE) (ties: normal approximation
#        with continuity correction, warnings suppressed; wilcox has no df). Hodges-Lehmann estimates and
#        intervals are uniroot(tol = 1e-4) results in R.
#   pf-grid: key df1/df2/ncp/q, value pf(q, df1, df2, ncp)

options(warn = 2)

suppressPackageStartupMessages({
  library(effectsize)
  library(car)
  library(emmeans)
})

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
num <- function(x) sprintf("%.17g", x)

# The ncp with pf(f, df1, df2, ncp) = target (pf decreases in ncp); 0 when pf(f, df1, df2, 0) <= target.
exact_ncp <- function(f, df1, df2, target) {
  g <- function(ncp) pf(f, df1, df2, ncp) - target
  if (g(0) <= 0) return(0)
  hi <- max(1, 2 * f * df1)
  while (g(hi) > 0) hi <- 2 * hi
  root <- uniroot(g, c(0, hi), tol = 1e-13, maxiter = 1000)$root
  stopifnot(abs(g(root)) < 1e-9)
  root
}

emit_interval <- function(dataset, name, es, df1, df2) {
  value <- es[[2]]
  emit(dataset, paste0(name, "/value"), value)
  emit(dataset, paste0(name, "/ci_low"), es$CI_low)
  emit(dataset, paste0(name, "/ci_high"), es$CI_high)
  # the F statistic effectsize inverts (.es_aov_simple, then F_to_eta2's own round trip)
  f <- (max(0, value) / df1) / ((1 - max(0, value)) / df2)
  r <- f * df1 / (f * df1 + df2)
  f <- max(0, (r / df1) / ((1 - r) / df2))
  ncp <- c(exact_ncp(f, df1, df2, 0.975), exact_ncp(f, df1, df2, 0.025))
  emit(dataset, paste0(name, "/f"), f)
  emit(dataset, paste0(name, "/exact_ncp_low"), ncp[1])
  emit(dataset, paste0(name, "/exact_ncp_high"), ncp[2])
  emit(dataset, paste0(name, "/exact_ci_low"), ncp[1] / (ncp[1] + df2))
  emit(dataset, paste0(name, "/exact_ci_high"), ncp[2] / (ncp[2] + df2))
}

input <- read.csv("input.csv", stringsAsFactors = FALSE)
for (name in unique(input$dataset)) {
  d <- input[input$dataset == name, ]
  d <- d[complete.cases(d), ]
  d$arm <- factor(d$arm, levels = unique(d$arm))
  emit(name, "n", nrow(d))

  fit <- lm(post ~ arm, data = d)
  a <- anova(fit)
  df1 <- a$Df[1]; df2 <- a$Df[2]
  emit(name, "anova/F", a$`F value`[1])
  emit(name, "anova/df1", df1)
  emit(name, "anova/df2", df2)
  emit(name, "anova/p", a$`Pr(>F)`[1])
  eta <- eta_squared(fit, partial = FALSE, alternative = "two.sided", ci = 0.95, verbose = FALSE)
  emit_interval(name, "eta2", eta, df1, df2)
  omega <- omega_squared(fit, partial = FALSE, alternative = "two.sided", ci = 0.95, verbose = FALSE)
  emit_interval(name, "omega2", omega, df1, df2)

  w <- oneway.test(post ~ arm, data = d, var.equal = FALSE)
  emit(name, "welch/F", unname(w$statistic))
  emit(name, "welch/df1", unname(w$parameter[1]))
  emit(name, "welch/df2", unname(w$parameter[2]))
  emit(name, "welch/p", w$p.value)

  k <- kruskal.test(post ~ arm, data = d)
  emit(name, "kruskal/H", unname(k$statistic))
  emit(name, "kruskal/df", unname(k$parameter))
  emit(name, "kruskal/p", k$p.value)
  emit(name, "rank_epsilon2/value", rank_epsilon_squared(post ~ arm, data = d, ci = NULL)[[1]])

  for (model in list(list("ancova", post ~ pre + arm), list("ancova_age", post ~ pre + arm + age))) {
    av <- car::Anova(lm(model[[2]], data = d), type = 2)
    emit(name, paste0(model[[1]], "/F"), av["arm", "F value"])
    emit(name, paste0(model[[1]], "/df1"), av["arm", "Df"])
    emit(name, paste0(model[[1]], "/df2"), av["Residuals", "Df"])
    emit(name, paste0(model[[1]], "/p"), av["arm", "Pr(>F)"])
  }

  for (model in list(list("ancova_contrast", post ~ pre + arm), list("ancova_contrast_age", post ~ pre + arm + age))) {
    fit <- lm(model[[2]], data = d)
    em <- emmeans(fit, pairwise ~ arm, adjust = "tukey")
    adjusted <- summary(em$contrasts, infer = TRUE)
    unadjusted <- summary(em$contrasts, adjust = "none")
    k <- nlevels(d$arm)
    df <- adjusted$df[1]
    critical <- uniroot(function(q) ptukey(q, k, df) - 0.95, c(0.01, 100), tol = 1e-14, maxiter = 1000)$root / sqrt(2)
    for (i in seq_len(nrow(adjusted))) {
      sides <- trimws(strsplit(as.character(adjusted$contrast[i]), " - ")[[1]])   # "A - B": earlier - later
      key <- paste0(model[[1]], "/", sides[2], "-", sides[1])
      estimate <- -adjusted$estimate[i]
      emit(name, paste0(key, "/estimate"), estimate)
      emit(name, paste0(key, "/se"), adjusted$SE[i])
      emit(name, paste0(key, "/df"), adjusted$df[i])
      emit(name, paste0(key, "/t"), -adjusted$t.ratio[i])
      emit(name, paste0(key, "/p"), adjusted$p.value[i])
      emit(name, paste0(key, "/p_unadjusted"), unadjusted$p.value[i])
      emit(name, paste0(key, "/ci_low"), -adjusted$upper.CL[i])
      emit(name, paste0(key, "/ci_high"), -adjusted$lower.CL[i])
      emit(name, paste0(key, "/exact_ci_low"), estimate - critical * adjusted$SE[i])
      emit(name, paste0(key, "/exact_ci_high"), estimate + critical * adjusted$SE[i])
    }
  }

  welch_matrix <- pairwise.t.test(d$post, d$arm, pool.sd = FALSE)$p.value
  wilcox_matrix <- suppressWarnings(pairwise.wilcox.test(d$post, d$arm))$p.value
  levels_ <- levels(d$arm)
  for (j in seq_along(levels_)) for (i in seq_along(levels_)) {
    if (i <= j) next
    a <- levels_[j]; b <- levels_[i]
    xb <- d$post[d$arm == b]; xa <- d$post[d$arm == a]
    t <- t.test(xb, xa)
    key <- paste0("pairwise_welch/", b, "-", a)
    emit(name, paste0(key, "/p_holm"), welch_matrix[b, a])
    emit(name, paste0(key, "/p"), t$p.value)
    emit(name, paste0(key, "/statistic"), unname(t$statistic))
    emit(name, paste0(key, "/df"), unname(t$parameter))
    emit(name, paste0(key, "/estimate"), unname(t$estimate[1] - t$estimate[2]))
    emit(name, paste0(key, "/ci_low"), t$conf.int[1])
    emit(name, paste0(key, "/ci_high"), t$conf.int[2])
    w <- suppressWarnings(wilcox.test(xb, xa, conf.int = TRUE))
    key <- paste0("pairwise_wilcox/", b, "-", a)
    emit(name, paste0(key, "/p_holm"), wilcox_matrix[b, a])
    emit(name, paste0(key, "/p"), w$p.value)
    emit(name, paste0(key, "/statistic"), unname(w$statistic))
    emit(name, paste0(key, "/estimate"), unname(w$estimate))
    emit(name, paste0(key, "/ci_low"), w$conf.int[1])
    emit(name, paste0(key, "/ci_high"), w$conf.int[2])
  }
}

# pf(q, df1, df2, ncp) over a grid (R's pnbeta: AS 226 with R84's changes).
for (df1 in c(1, 2, 3, 5.5, 10)) for (df2 in c(2, 7, 18.5, 40, 200)) {
  for (ncp in c(0, 0.4, 2, 7.5, 20, 60, 150)) for (q in c(0.05, 0.5, 1, 2.5, 6, 15, 40)) {
    p <- pf(q, df1, df2, ncp)
    emit("pf-grid", paste(num(df1), num(df2), num(ncp), num(q), sep = "/"), p)
  }
}

if (anyDuplicated(paste(rows_dataset, rows_key))) stop("duplicate dataset/key")

lines <- c(
  "# generated by generate.R \u2014 do not edit",
  paste0("# R.version.string: ", R.version.string),
  paste0("# packages: stats ", as.character(packageVersion("stats")),
         ", effectsize ", as.character(packageVersion("effectsize")),
         ", car ", as.character(packageVersion("car")),
         ", emmeans ", as.character(packageVersion("emmeans"))),
  "dataset,key,value",
  paste(rows_dataset, rows_key, rows_value, sep = ",")
)
con <- file("expected.csv", open = "wb")
writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
close(con)
cat("wrote expected.csv:", length(rows_value), "rows\n")
