# The analyses `walkstats report` runs on one dataset, done with R (for timing side by side).
# Usage: Rscript report-equivalent.R FILE ARM_A ARM_B
suppressPackageStartupMessages({ library(effectsize); library(car) })
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], na.strings = c("", "NA", "NaN"), stringsAsFactors = FALSE)
A <- args[2]; B <- args[3]
tps <- unique(d$timepoint); from <- tps[1]; to <- tps[length(tps)]
results <- list()
for (out in unique(d$outcome)) {
  w <- reshape(d[d$outcome == out, c("participant", "arm", "timepoint", "value")], idvar = c("participant", "arm"),
               timevar = "timepoint", direction = "wide")
  pre <- w[[paste0("value.", from)]]; post <- w[[paste0("value.", to)]]
  ok <- !is.na(pre) & !is.na(post)
  for (arm in unique(d$arm)) {
    s <- ok & w$arm == arm
    for (tp in tps) { x <- w[[paste0("value.", tp)]][w$arm == arm]; x <- x[!is.na(x)]
      results[[length(results) + 1]] <- c(mean(x), sd(x), quantile(x, c(.25, .5, .75))) }
    results[[length(results) + 1]] <- t.test(post[s], pre[s], paired = TRUE)$p.value
    results[[length(results) + 1]] <- suppressWarnings(wilcox.test(post[s], pre[s], paired = TRUE, conf.int = TRUE))$p.value
    results[[length(results) + 1]] <- cohens_d(post[s], pre[s], paired = TRUE)$CI_low
    results[[length(results) + 1]] <- shapiro.test(post[s] - pre[s])$p.value
  }
  ca <- (post - pre)[ok & w$arm == A]; cb <- (post - pre)[ok & w$arm == B]
  f <- data.frame(post = post, pre = pre, arm = factor(w$arm, levels = c(B, A)))[ok & w$arm %in% c(A, B), ]
  results[[length(results) + 1]] <- summary(lm(post ~ pre + arm, data = f))$coefficients[3, 4]
  results[[length(results) + 1]] <- t.test(ca, cb)$p.value
  results[[length(results) + 1]] <- t.test(ca, cb, var.equal = TRUE)$p.value
  results[[length(results) + 1]] <- suppressWarnings(wilcox.test(ca, cb, conf.int = TRUE))$p.value
  results[[length(results) + 1]] <- cohens_d(ca, cb)$CI_low
  results[[length(results) + 1]] <- hedges_g(ca, cb)$CI_low
  results[[length(results) + 1]] <- leveneTest(y ~ g, data = data.frame(y = c(ca, cb), g = factor(rep(c("A", "B"), c(length(ca), length(cb))))))[1, 3]
}
cat(length(results), "results\n")
