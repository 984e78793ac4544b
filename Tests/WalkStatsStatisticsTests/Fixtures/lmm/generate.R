# Writes the linear-mixed-model fixture: input.csv (SIMULATED repeated measures, four datasets) and
# expected.csv with R's REML fit of value ~ arm * time + (1 | participant).
# Run from this folder:  Rscript generate.R
# Uses lme4, lmerTest (Satterthwaite df) and emmeans. See README.md.

options(warn = 2) # any warning is an error: reference values must come from clean runs
suppressPackageStartupMessages({ library(lme4); library(lmerTest); library(emmeans) })
emm_options(lmer.df = "satterthwaite")

set.seed(20260301, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")

rows_dataset <- character(0); rows_key <- character(0); rows_value <- character(0)
emit <- function(dataset, key, value) {
  stopifnot(length(value) == 1, is.numeric(value), is.finite(value))
  rows_dataset <<- c(rows_dataset, dataset)
  rows_key <<- c(rows_key, key)
  rows_value <<- c(rows_value, sprintf("%.17g", value))
}

# One dataset: `per_arm` participants in each arm, visits `times`, participant intercepts N(0, tau^2),
# residuals N(0, sigma^2); `keep` (a function of the long data frame) drops measurements.
simulate <- function(name, arms, times, per_arm, tau, sigma, effect, keep = NULL) {
  participant <- sprintf("%s-P%02d", substr(name, 1, 1), seq_len(length(arms) * per_arm))
  arm <- rep(arms, each = per_arm)
  u <- rnorm(length(participant), 0, tau)
  d <- expand.grid(visit = seq_along(times), id = seq_along(participant))
  d <- data.frame(dataset = name, participant = participant[d$id], arm = arm[d$id], time = times[d$visit],
                  value = round(20 + u[d$id] - 1.5 * (d$visit - 1) +
                                effect[match(arm[d$id], arms)] * (d$visit - 1) + rnorm(nrow(d), 0, sigma), 1))
  if (!is.null(keep)) d <- d[keep(d), ]
  d
}

balanced <- simulate("balanced", c("A", "B"), c("week0", "week3", "week6"), 12, tau = 3, sigma = 2,
                     effect = c(0, -1))
# 4 visits; dropouts (the last one or two visits missing) and non-monotone gaps (a middle visit missing).
unbalanced <- simulate("unbalanced", c("A", "B"), c("week0", "week3", "week6", "week9"), 14, tau = 2.5, sigma = 2.5,
                       effect = c(0, -0.8), keep = function(d) {
                         id <- as.integer(sub(".*-P", "", d$participant)); v <- match(d$time, c("week0", "week3", "week6", "week9"))
                         !((id %in% c(2, 9, 17, 23) & v >= 3) | (id %in% c(5, 20) & v == 4) |
                           (id %in% c(4, 12, 19, 26) & v == 2) | (id %in% c(7, 15) & v == 3) | (id == 28 & v >= 2))
                       })
three_arm <- simulate("three-arm", c("A", "B", "C"), c("week0", "week3", "week6"), 10, tau = 2, sigma = 2,
                      effect = c(0, -0.7, -1.4))
# Singular: no participant effect at all; the first seed (from 1) whose REML fit is on the boundary.
seed <- 0
repeat {
  seed <- seed + 1
  set.seed(seed, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")
  singular <- simulate("singular", c("A", "B"), c("week0", "week3", "week6"), 6, tau = 0, sigma = 2,
                       effect = c(0, -1))
  f <- lmer(value ~ arm * time + (1 | participant), data = singular, REML = TRUE,
            control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5)))
  if (isSingular(f, tol = 0) || getME(f, "theta") == 0) break
}
write.csv(rbind(balanced, unbalanced, three_arm, singular), "input.csv", row.names = FALSE, quote = FALSE)

levels_of <- list(arm = list(balanced = c("A", "B"), unbalanced = c("A", "B"), `three-arm` = c("A", "B", "C"),
                             singular = c("A", "B")),
                  time = list(balanced = c("week0", "week3", "week6"), unbalanced = c("week0", "week3", "week6", "week9"),
                              `three-arm` = c("week0", "week3", "week6"), singular = c("week0", "week3", "week6")))
all <- read.csv("input.csv", stringsAsFactors = FALSE)
for (name in c("balanced", "unbalanced", "three-arm", "singular")) {
  d <- all[all$dataset == name, ]
  d$arm <- factor(d$arm, levels = levels_of$arm[[name]])
  d$time <- factor(d$time, levels = levels_of$time[[name]])
  fit <- lmer(value ~ arm * time + (1 | participant), data = d, REML = TRUE,
              control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5)))
  vc <- as.data.frame(VarCorr(fit))
  emit(name, "observations", nrow(d))
  emit(name, "participants", length(unique(d$participant)))
  emit(name, "singular", as.numeric(isSingular(fit)))
  emit(name, "theta", getME(fit, "theta")[[1]])
  emit(name, "participant_variance", vc$vcov[vc$grp == "participant"])
  emit(name, "residual_variance", vc$vcov[vc$grp == "Residual"])
  emit(name, "reml_loglik", as.numeric(logLik(fit)))
  emit(name, "reml_criterion", REMLcrit(fit))
  s <- coef(summary(fit, ddf = "Satterthwaite"))
  emit(name, "coefficients", nrow(s))
  for (i in seq_len(nrow(s))) {
    term <- rownames(s)[i]
    emit(name, sprintf("term/%d/%s/estimate", i - 1, term), s[i, "Estimate"])
    emit(name, sprintf("term/%d/%s/se", i - 1, term), s[i, "Std. Error"])
    emit(name, sprintf("term/%d/%s/df", i - 1, term), s[i, "df"])
    emit(name, sprintf("term/%d/%s/statistic", i - 1, term), s[i, "t value"])
    emit(name, sprintf("term/%d/%s/p_value", i - 1, term), s[i, "Pr(>|t|)"])
  }
  # Unadjusted pairwise differences (with 2 arms there is one contrast per time, which emmeans does
  # not adjust; with 3 arms emmeans' default is Tukey, written separately below).
  em <- emmeans(fit, pairwise ~ arm | time)
  for (adjust in c("none", "tukey")) {
    if (adjust == "tukey" && nlevels(d$arm) < 3) next
    ct <- as.data.frame(summary(em$contrasts, infer = c(TRUE, TRUE), adjust = adjust))
    for (i in seq_len(nrow(ct))) {
      key <- sprintf("contrast/%s/%s/%s", adjust, ct$time[i], gsub(" ", "", ct$contrast[i]))
      emit(name, paste0(key, "/estimate"), ct$estimate[i])
      emit(name, paste0(key, "/se"), ct$SE[i])
      emit(name, paste0(key, "/df"), ct$df[i])
      emit(name, paste0(key, "/statistic"), ct$t.ratio[i])
      emit(name, paste0(key, "/p_value"), ct$p.value[i])
      emit(name, paste0(key, "/lower"), ct$lower.CL[i])
      emit(name, paste0(key, "/upper"), ct$upper.CL[i])
    }
  }
}

out <- file("expected.csv", "wb")
writeLines(c("# generated by generate.R — do not edit",
             paste0("# R.version.string: ", R.version.string),
             paste0("# packages: lme4 ", packageVersion("lme4"), ", lmerTest ", packageVersion("lmerTest"),
                    ", emmeans ", packageVersion("emmeans"), ", Matrix ", packageVersion("Matrix"),
                    ", numDeriv ", packageVersion("numDeriv")),
             paste0("# singular dataset: seed ", seed),
             "dataset,key,value",
             paste(rows_dataset, rows_key, rows_value, sep = ",")), out)
close(out)
