# Writes expected.csv: R reference values for the models WalkStats fits over every visit of a parallel
# trial, run through the whole pipeline (`walkstats compare --format json`) on the simulated sample trial
# (../r-reference/retro-walking-trial.csv, arms backward and forward, reference forward, visits baseline,
# week3, week6; dropouts and scattered missing values).
# Run from this folder:  Rscript generate.R
# Needs R 4.2.2 with afex, car, lme4, lmerTest, emmeans (Debian r-cran-*).
#
# Keys (dataset = outcome id):
#   ancova_by_visit/<visit>/{estimate,se,df,t,p,ci_low,ci_high}   lm(<visit> ~ baseline + arm) on the complete
#        cases of that visit, arm levels c("forward", "backward"): the armbackward coefficient and confint
#   ancova_by_visit/<visit>/p_holm   p.adjust(p over the visits, "holm")
#   mixed_anova/<effect>/{F,df,df2,p,ges}   afex::aov_ez(type = 3) on participants with all three visits:
#        anova(fit, es = "ges", correction = "none")
#   mixed_anova/<effect>/{gg_epsilon,gg_p,hf_epsilon,hf_p,mauchly_w,mauchly_p}   summary(fit) (car's tables)
#   lmm/<term>/{estimate,se,df,t,p}   lmerTest::lmer(value ~ arm * time + (1 | participant)), REML, bobyqa
#        with rhoend 1e-12; coef(summary(fit)) (Satterthwaite)
#   lmm/variance/{participant,residual}   as.data.frame(VarCorr(fit))$vcov
#   lmm/<visit>/{estimate,se,df,t,p,ci_low,ci_high}   emmeans(fit, pairwise ~ arm | time), lmer.df =
#        "satterthwaite", contrast forward - backward turned round to backward - forward
#   mmrm/<term>/{estimate,se}   nlme::gls(value ~ baseline + arm * time, corSymm(form = ~ visit_index |
#        participant), varIdent(form = ~ 1 | time), REML) over week3 and week6 of participants with a baseline,
#        fitted with both optimisers (nlminb, optim) at tight tolerances and the higher REML likelihood kept
#        (each can stop early); estimates and SE only (the Satterthwaite df are checked in ../mmrm/)
#   mmrm/<visit>/{estimate,se}   emmeans(fit, pairwise ~ arm | time), turned round to backward - forward

options(warn = 2)
suppressPackageStartupMessages({
  library(afex); library(car); library(lme4); library(lmerTest); library(emmeans); library(nlme)
})
emm_options(lmer.df = "satterthwaite")

rows_dataset <- character(0); rows_key <- character(0); rows_value <- character(0)
emit <- function(dataset, key, value) {
  stopifnot(length(value) == 1, is.numeric(value), is.finite(value))
  rows_dataset <<- c(rows_dataset, dataset); rows_key <<- c(rows_key, key); rows_value <<- c(rows_value, sprintf("%.17g", value))
}

d <- read.csv("../r-reference/retro-walking-trial.csv", stringsAsFactors = FALSE)
visits <- c("baseline", "week3", "week6")
for (outcome in c("pain_nrs", "quad_strength", "walking_speed")) {
  x <- d[d$outcome == outcome, c("participant", "arm", "timepoint", "value")]
  wide <- reshape(x, idvar = c("participant", "arm"), timevar = "timepoint", direction = "wide")
  names(wide) <- sub("^value\\.", "", names(wide))
  wide$arm <- factor(wide$arm, levels = c("forward", "backward"))
  p <- c()
  for (v in visits[-1]) {
    cc <- wide[!is.na(wide$baseline) & !is.na(wide[[v]]), ]
    fit <- lm(cc[[v]] ~ cc$baseline + cc$arm)
    co <- summary(fit)$coefficients["cc$armbackward", ]
    ci <- confint(fit)["cc$armbackward", ]
    k <- paste0("ancova_by_visit/", v, "/")
    emit(outcome, paste0(k, "estimate"), co[1]); emit(outcome, paste0(k, "se"), co[2])
    emit(outcome, paste0(k, "df"), fit$df.residual); emit(outcome, paste0(k, "t"), co[3]); emit(outcome, paste0(k, "p"), co[4])
    emit(outcome, paste0(k, "ci_low"), ci[1]); emit(outcome, paste0(k, "ci_high"), ci[2])
    p <- c(p, co[4])
  }
  for (i in seq_along(p)) emit(outcome, paste0("ancova_by_visit/", visits[-1][i], "/p_holm"), p.adjust(p, "holm")[i])

  long <- x[!is.na(x$value), ]
  complete <- names(which(table(long$participant) == 3))
  a <- suppressMessages(aov_ez("participant", "value", long[long$participant %in% complete, ], between = "arm", within = "timepoint", type = 3))
  tab <- anova(a, es = "ges", correction = "none")
  s <- suppressWarnings(summary(a))   # car warns "HF eps > 1 treated as 1" and reports it uncapped
  for (effect in rownames(tab)) {
    name <- sub("timepoint", "time", effect)
    k <- paste0("mixed_anova/", name, "/")
    emit(outcome, paste0(k, "F"), tab[effect, "F"]); emit(outcome, paste0(k, "df"), tab[effect, "num Df"])
    emit(outcome, paste0(k, "df2"), tab[effect, "den Df"]); emit(outcome, paste0(k, "p"), tab[effect, "Pr(>F)"])
    emit(outcome, paste0(k, "ges"), tab[effect, "ges"])
    if (effect %in% rownames(s$pval.adjustments)) {
      emit(outcome, paste0(k, "gg_epsilon"), s$pval.adjustments[effect, "GG eps"])
      emit(outcome, paste0(k, "gg_p"), s$pval.adjustments[effect, "Pr(>F[GG])"])
      emit(outcome, paste0(k, "hf_epsilon"), s$pval.adjustments[effect, "HF eps"])
      emit(outcome, paste0(k, "hf_p"), s$pval.adjustments[effect, "Pr(>F[HF])"])
      emit(outcome, paste0(k, "mauchly_w"), s$sphericity.tests[effect, "Test statistic"])
      emit(outcome, paste0(k, "mauchly_p"), s$sphericity.tests[effect, "p-value"])
    }
  }

  long$arm <- factor(long$arm, levels = c("forward", "backward"))
  long$time <- factor(long$timepoint, levels = visits)
  fit <- lmer(value ~ arm * time + (1 | participant), data = long, REML = TRUE,
              control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5)))
  co <- coef(summary(fit, ddf = "Satterthwaite"))
  for (term in rownames(co)) {
    k <- paste0("lmm/", term, "/")
    emit(outcome, paste0(k, "estimate"), co[term, "Estimate"]); emit(outcome, paste0(k, "se"), co[term, "Std. Error"])
    emit(outcome, paste0(k, "df"), co[term, "df"]); emit(outcome, paste0(k, "t"), co[term, "t value"])
    emit(outcome, paste0(k, "p"), co[term, "Pr(>|t|)"])
  }
  vc <- as.data.frame(VarCorr(fit))
  emit(outcome, "lmm/variance/participant", vc$vcov[vc$grp == "participant"])
  emit(outcome, "lmm/variance/residual", vc$vcov[vc$grp == "Residual"])
  em <- summary(emmeans(fit, pairwise ~ arm | time)$contrasts, infer = TRUE, adjust = "none")
  for (i in seq_len(nrow(em))) {
    stopifnot(as.character(em$contrast[i]) == "forward - backward")
    k <- paste0("lmm/", as.character(em$time[i]), "/")
    emit(outcome, paste0(k, "estimate"), -em$estimate[i]); emit(outcome, paste0(k, "se"), em$SE[i])
    emit(outcome, paste0(k, "df"), em$df[i]); emit(outcome, paste0(k, "t"), -em$t.ratio[i]); emit(outcome, paste0(k, "p"), em$p.value[i])
    emit(outcome, paste0(k, "ci_low"), -em$upper.CL[i]); emit(outcome, paste0(k, "ci_high"), -em$lower.CL[i])
  }

  base <- setNames(wide$baseline, wide$participant)
  fu <- long[long$timepoint != "baseline", ]
  fu$baseline <- base[fu$participant]
  fu <- fu[!is.na(fu$baseline), ]
  fu$time <- factor(fu$timepoint, levels = visits[-1])
  fu$visit_index <- as.integer(fu$time)
  fu <- fu[order(fu$participant, fu$visit_index), ]
  fits <- lapply(c("nlminb", "optim"), function(opt) nlme::gls(value ~ baseline + arm * time, data = fu,
    correlation = corSymm(form = ~ visit_index | participant), weights = varIdent(form = ~ 1 | time), method = "REML",
    control = glsControl(tolerance = 1e-10, msTol = 1e-12, msMaxIter = 1000, maxIter = 1000, opt = opt)))
  fit <- fits[[which.max(sapply(fits, function(f) as.numeric(logLik(f))))]]
  tt <- summary(fit)$tTable
  for (term in rownames(tt)) {
    emit(outcome, paste0("mmrm/", term, "/estimate"), tt[term, "Value"])
    emit(outcome, paste0("mmrm/", term, "/se"), tt[term, "Std.Error"])
  }
  em <- summary(emmeans(fit, pairwise ~ arm | time, mode = "df.error")$contrasts, adjust = "none")
  for (i in seq_len(nrow(em))) {
    stopifnot(as.character(em$contrast[i]) == "forward - backward")
    emit(outcome, paste0("mmrm/", as.character(em$time[i]), "/estimate"), -em$estimate[i])
    emit(outcome, paste0("mmrm/", as.character(em$time[i]), "/se"), em$SE[i])
  }
}

if (anyDuplicated(paste(rows_dataset, rows_key))) stop("duplicate dataset/key")
lines <- c(
  "# generated by generate.R \u2014 do not edit",
  paste0("# R.version.string: ", R.version.string),
  paste0("# packages: afex ", packageVersion("afex"), ", car ", packageVersion("car"), ", lme4 ", packageVersion("lme4"),
         ", lmerTest ", packageVersion("lmerTest"), ", emmeans ", packageVersion("emmeans"), ", nlme ", packageVersion("nlme")),
  "dataset,key,value",
  paste(rows_dataset, rows_key, rows_value, sep = ",")
)
con <- file("expected.csv", open = "wb"); writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE); close(con)
cat("wrote expected.csv:", length(rows_value), "rows\n")
