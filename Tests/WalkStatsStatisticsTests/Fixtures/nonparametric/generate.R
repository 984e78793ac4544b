# Writes expected.csv: R reference values for WalkStats' Wilcoxon signed-rank and rank-sum tests.
# Run from this folder:  Rscript generate.R     (inputs: paired.csv, two-sample.csv; see README.md)
# Uses base R and the stats package only.
#
# Layout (dataset,key,value), every number printed with sprintf("%.17g"):
#   signed/<dataset>   <variant>/<field>   wilcox.test(x, y, paired = TRUE, conf.int = TRUE, ...)
#   ranksum/<dataset>  <variant>/<field>   wilcox.test(a, b, conf.int = TRUE, ...)
#     fields: statistic, p_value, estimate, ci_low, ci_high, conf_level, n (signed: non-zero
#     differences), n_a, n_b (rank sum), method/<R's method string> = 1. A field R leaves undefined
#     (NaN interval or estimate) is absent. When R stops with conf.int = TRUE, the variant records
#     error_with_conf_int = 1 and the statistic and p-value of the same call with conf.int = FALSE.
#     When R's p-value is NaN, the variant records only p_value_is_nan = 1.
#   edge/<case>        what R does with a degenerate input: error = 1 (R stops) or p_value_is_nan = 1.
#   dist/signrank      psignrank / qsignrank:  n=<n>/p=<p>/q, n=<n>/q=<q>/lower, n=<n>/q=<q>/upper
#   dist/wilcox        pwilcox / qwilcox:      m=<m>/n=<n>/p=<p>/q, m=<m>/n=<n>/q=<q>/lower, …/upper

variants <- list(
  "default"                   = list(),
  "exact_false"               = list(exact = FALSE),
  "correct_false"             = list(correct = FALSE),
  "exact_false_correct_false" = list(exact = FALSE, correct = FALSE),
  "exact_true"                = list(exact = TRUE),
  "level_0.5"                 = list(conf.level = 0.5),
  "level_0.8"                 = list(conf.level = 0.8),
  "level_0.9"                 = list(conf.level = 0.9),
  "level_0.99"                = list(conf.level = 0.99)
)

rows <- character(0)
emit <- function(dataset, key, value) {
  stopifnot(length(value) == 1, is.numeric(value), is.finite(value))
  if (grepl("[,\"\r\n]", key) || grepl("[,\"\r\n]", dataset)) stop("needs CSV quoting: ", dataset, " ", key)
  rows <<- c(rows, sprintf("%s,%s,%s", dataset, key, sprintf("%.17g", value)))
}
quiet <- function(expr) withCallingHandlers(expr, warning = function(w) invokeRestart("muffleWarning"))

record <- function(dataset, prefix, call_args, sizes) {
  res <- tryCatch(quiet(do.call(wilcox.test, c(call_args, conf.int = TRUE))), error = function(e) e)
  if (inherits(res, "error")) {
    emit(dataset, paste0(prefix, "error_with_conf_int"), 1)
    res <- quiet(do.call(wilcox.test, c(call_args, conf.int = FALSE)))
  }
  if (is.nan(res$p.value)) { emit(dataset, paste0(prefix, "p_value_is_nan"), 1); return(invisible()) }
  emit(dataset, paste0(prefix, "statistic"), unname(res$statistic))
  emit(dataset, paste0(prefix, "p_value"), res$p.value)
  emit(dataset, paste0(prefix, "method/", res$method), 1)
  for (s in names(sizes)) emit(dataset, paste0(prefix, s), sizes[[s]])
  if (!is.null(res$estimate) && is.finite(res$estimate)) emit(dataset, paste0(prefix, "estimate"), unname(res$estimate))
  if (!is.null(res$conf.int) && all(is.finite(res$conf.int))) {
    emit(dataset, paste0(prefix, "ci_low"), res$conf.int[1])
    emit(dataset, paste0(prefix, "ci_high"), res$conf.int[2])
    emit(dataset, paste0(prefix, "conf_level"), attr(res$conf.int, "conf.level"))
  }
}

paired <- read.csv("paired.csv", stringsAsFactors = FALSE)
for (name in unique(paired$dataset)) {
  d <- paired[paired$dataset == name, ]
  stopifnot(identical(d$pair, seq_len(nrow(d))))
  for (v in names(variants)) {
    record(paste0("signed/", name), paste0(v, "/"), c(list(d$x, d$y, paired = TRUE), variants[[v]]),
           list(n = sum(d$x - d$y != 0)))
  }
}

two <- read.csv("two-sample.csv", stringsAsFactors = FALSE)
for (name in unique(two$dataset)) {
  a <- two$value[two$dataset == name & two$group == "a"]
  b <- two$value[two$dataset == name & two$group == "b"]
  for (v in names(variants)) {
    record(paste0("ranksum/", name), paste0(v, "/"), c(list(a, b), variants[[v]]),
           list(n_a = length(a), n_b = length(b)))
  }
}

# What R does with degenerate inputs (the Swift tests expect a thrown error for each).
edge <- list(
  "signed-empty"        = list(numeric(0), numeric(0), paired = TRUE),
  "signed-all-zero"     = list(c(1, 2, 3), c(1, 2, 3), paired = TRUE),
  "signed-single-zero"  = list(4, 4, paired = TRUE),
  "ranksum-empty-a"     = list(numeric(0), c(1, 2)),
  "ranksum-empty-b"     = list(c(1, 2), numeric(0)),
  "ranksum-all-same"    = list(c(2, 2, 2), c(2, 2))
)
for (name in names(edge)) {
  res <- tryCatch(quiet(do.call(wilcox.test, c(edge[[name]], conf.int = FALSE))), error = function(e) e)
  if (inherits(res, "error")) emit(paste0("edge/", name), "error", 1)
  else if (is.nan(res$p.value)) emit(paste0("edge/", name), "p_value_is_nan", 1)
  else stop("edge case ", name, " is not degenerate in R")
}

# The exact null distributions.
probabilities <- c(0, 0.0005, 0.005, 0.025, 0.05, 0.1, 0.125, 0.25, 0.4, 0.5, 0.75, 0.9, 0.975, 0.9995, 1)
for (n in 1:49) {
  for (p in probabilities) emit("dist/signrank", sprintf("n=%d/p=%s/q", n, p), qsignrank(p, n))
  top <- n * (n + 1) / 2
  for (q in unique(c(-1, 0:min(top, 12), round(seq(0, top, length.out = 9)), top - 1, top))) {
    emit("dist/signrank", sprintf("n=%d/q=%d/lower", n, q), psignrank(q, n))
    emit("dist/signrank", sprintf("n=%d/q=%d/upper", n, q), psignrank(q, n, lower.tail = FALSE))
  }
}
sizes <- c(1, 2, 3, 4, 7, 12, 20, 31, 49)
for (m in sizes) for (n in sizes) {
  for (p in probabilities) emit("dist/wilcox", sprintf("m=%d/n=%d/p=%s/q", m, n, p), qwilcox(p, m, n))
  top <- m * n
  for (q in unique(c(-1, 0:min(top, 6), round(seq(0, top, length.out = 7)), top - 1, top))) {
    emit("dist/wilcox", sprintf("m=%d/n=%d/q=%d/lower", m, n, q), pwilcox(q, m, n))
    emit("dist/wilcox", sprintf("m=%d/n=%d/q=%d/upper", m, n, q), pwilcox(q, m, n, lower.tail = FALSE))
  }
}

# Building blocks: R's rank (average ties), signif(x, 2) (used for the exact signed-rank level) and
# uniroot(tol = 1e-4) on a few functions (the root search behind the normal-approximation intervals).
rank_input <- c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, -0, 0, 2.5, -7)
r <- rank(rank_input)
for (i in seq_along(r)) { emit("internal/rank", sprintf("%d/x", i), rank_input[i]); emit("internal/rank", sprintf("%d/rank", i), r[i]) }
emit("internal/rank", "tie_term", sum(table(r)^3 - table(r)))
signif_input <- unique(c(2 * unlist(lapply(1:20, function(n) psignrank(0:8, n))), (1:255) / 256, 0.0625, 0.125, 0.375, 0.95, 0.05, 1))
signif_input <- signif_input[signif_input > 0]
for (i in seq_along(signif_input)) {
  emit("internal/signif", sprintf("%d/x", i), signif_input[i])
  emit("internal/signif", sprintf("%d/signif2", i), signif(signif_input[i], 2))
}
step <- function(x) floor(4 * x) / 4 - 0.6   # a step function, as the Wilcoxon W(d) is
roots <- list(
  "cubic"  = list(f = function(x) x^3 - 2 * x - 5, lower = 2, upper = 3),
  "cosine" = list(f = function(x) cos(x) - x, lower = 0, upper = 1),
  "step"   = list(f = step, lower = -3, upper = 5),
  "wide"   = list(f = function(x) x - 1234.5678, lower = -1e4, upper = 1e5))
for (name in names(roots)) {
  z <- roots[[name]]
  emit("internal/uniroot", paste0(name, "/root"), uniroot(z$f, lower = z$lower, upper = z$upper, tol = 1e-4)$root)
}

header <- c(
  "# generated by generate.R — do not edit",
  paste0("# R.version.string: ", R.version.string),
  paste0("# packages: stats ", packageVersion("stats")),
  "dataset,key,value")
writeLines(c(header, rows), "expected.csv", useBytes = TRUE)
cat("wrote", length(rows), "values to expected.csv\n")
