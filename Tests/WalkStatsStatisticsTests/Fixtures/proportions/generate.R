# Writes expected.csv: R reference values for WalkStats' comparison of two proportions x1/n1 (an arm)
# and x2/n2 (the reference): Wilson intervals, the risk difference with Newcombe's hybrid score
# interval, the risk ratio with the Katz log interval, Fisher's exact test with the conditional MLE odds
# ratio and its exact interval, and prop.test with Yates' correction.
# Run from this folder:  Rscript generate.R
# Needs base R only (stats 4.2.2).
#
# input.csv: one row per 2x2 table: table, x1, n1, x2, n2 (responders and participants per arm).
#
# Keys of expected.csv (dataset = table):
#   wilson1/{low,high}, wilson2/{low,high}   suppressWarnings(prop.test(x, n, correct = FALSE))$conf.int (0.95;
#                                            the small-expected-count warning is suppressed)
#   rd/{estimate,low,high}                   p1 - p2 with Newcombe (1998) method 10 from the two Wilson
#                                            intervals: L = d - sqrt((p1 - l1)^2 + (u2 - p2)^2),
#                                            U = d + sqrt((u1 - p1)^2 + (p2 - l2)^2)
#   rr/estimate                              p1 / p2 (only when x2 > 0)
#   rr/{low,high}                            exp(log(rr) -/+ qnorm(0.975) * sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2))
#                                            (only when x1 > 0 and x2 > 0: Katz's interval is undefined otherwise)
#   fisher/{p,estimate,low,high}             fisher.test(matrix(c(x1, n1 - x1, x2, n2 - x2), 2)): $p.value,
#                                            $estimate, $conf.int; estimate and interval are uniroot results
#                                            with R's default tol = .Machine$double.eps^0.25 (written only
#                                            when finite; low is 0 and high Inf at the ends of the support)
#   fisher/{estimate_infinite,high_infinite} 1 when R's estimate / upper limit is Inf
#   fisher_exact/{estimate,low,high}         the same roots as fisher.test (its own dnhyper / pnhyper /
#                                            mnhyper, copied below) with uniroot(tol = .Machine$double.xmin,
#                                            maxiter = 10000): the roots to machine precision
#   prop/{statistic,df,p,low,high}           suppressWarnings(prop.test(c(x1, x2), c(n1, n2))) (Yates'
#                                            correction, R's default); the warning "Chi-squared
#                                            approximation may be incorrect" is suppressed
#   prop/undefined                           1 when the pooled proportion is 0 or 1 (R's X-squared is NaN)

options(warn = 2)

input <- read.csv("input.csv", stringsAsFactors = FALSE)

rows_dataset <- character(0)
rows_key <- character(0)
rows_value <- character(0)

emit <- function(dataset, key, value) {
  stopifnot(length(value) == 1, is.numeric(value), is.finite(value))
  if (grepl("[,\"\r\n]", key)) stop("key needs CSV quoting: ", key)
  rows_dataset <<- c(rows_dataset, dataset)
  rows_key <<- c(rows_key, key)
  rows_value <<- c(rows_value, sprintf("%.17g", unname(value)))
}

source("fisher-exact-roots.R")  # fisher_exact_roots(): fisher.test's roots at machine precision

z <- qnorm(0.975)
for (i in seq_len(nrow(input))) {
  d <- input$table[i]
  x1 <- input$x1[i]; n1 <- input$n1[i]; x2 <- input$x2[i]; n2 <- input$n2[i]
  w1 <- suppressWarnings(prop.test(x1, n1, correct = FALSE))$conf.int
  w2 <- suppressWarnings(prop.test(x2, n2, correct = FALSE))$conf.int
  emit(d, "wilson1/low", w1[1]); emit(d, "wilson1/high", w1[2])
  emit(d, "wilson2/low", w2[1]); emit(d, "wilson2/high", w2[2])

  p1 <- x1 / n1; p2 <- x2 / n2; rd <- p1 - p2
  emit(d, "rd/estimate", rd)
  emit(d, "rd/low", rd - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2))
  emit(d, "rd/high", rd + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2))

  if (x2 > 0) emit(d, "rr/estimate", p1 / p2)
  if (x1 > 0 && x2 > 0) {
    se <- sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2)
    emit(d, "rr/low", exp(log(p1 / p2) - z * se))
    emit(d, "rr/high", exp(log(p1 / p2) + z * se))
  }

  tab <- matrix(c(x1, n1 - x1, x2, n2 - x2), 2)
  ft <- fisher.test(tab)
  emit(d, "fisher/p", ft$p.value)
  if (is.finite(ft$estimate)) emit(d, "fisher/estimate", ft$estimate) else emit(d, "fisher/estimate_infinite", 1)
  emit(d, "fisher/low", ft$conf.int[1])
  if (is.finite(ft$conf.int[2])) emit(d, "fisher/high", ft$conf.int[2]) else emit(d, "fisher/high_infinite", 1)
  ex <- fisher_exact_roots(tab)
  if (is.finite(ex[["estimate"]])) emit(d, "fisher_exact/estimate", ex[["estimate"]])
  emit(d, "fisher_exact/low", ex[["low"]])
  if (is.finite(ex[["high"]])) emit(d, "fisher_exact/high", ex[["high"]])

  pt <- suppressWarnings(prop.test(c(x1, x2), c(n1, n2)))
  if (is.nan(pt$statistic)) {
    emit(d, "prop/undefined", 1)
  } else {
    emit(d, "prop/statistic", pt$statistic)
    emit(d, "prop/df", pt$parameter)
    emit(d, "prop/p", pt$p.value)
    emit(d, "prop/low", pt$conf.int[1])
    emit(d, "prop/high", pt$conf.int[2])
  }
}

con <- file("expected.csv", "w")
writeLines(c("# generated by generate.R — do not edit",
             paste0("# R.version.string: ", R.version.string),
             paste0("# packages: stats ", packageVersion("stats")),
             "dataset,key,value"), con)
writeLines(paste(rows_dataset, rows_key, rows_value, sep = ","), con)
close(con)
