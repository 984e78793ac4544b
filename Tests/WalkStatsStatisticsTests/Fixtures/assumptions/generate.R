# Writes the inputs and expected.csv for the WalkStats assumption checks and multiplicity tests:
# shapiro.test (stats), car::leveneTest (center = median) and p.adjust (stats).
# Run from this folder:  Rscript generate.R
# The inputs are drawn here with fixed seeds and written with sprintf("%.17g") so that the Swift tests
# read exactly the same doubles; expected values are then computed from the written (re-read) inputs.

options(warn = 2) # any warning is an error: reference values must come from clean runs
suppressPackageStartupMessages(library(car))

fmt <- function(x) sprintf("%.17g", x)

rows_dataset <- character(0)
rows_key <- character(0)
rows_value <- character(0)
emit <- function(dataset, key, value) {
  stopifnot(length(value) == 1, is.numeric(value), is.finite(value))
  rows_dataset <<- c(rows_dataset, dataset)
  rows_key <<- c(rows_key, key)
  rows_value <<- c(rows_value, fmt(value))
}

write_lines <- function(lines, path) {
  con <- file(path, open = "wb")
  writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
  close(con)
}

# Round-trip a vector through its %.17g text, so R computes on exactly what the CSV holds.
as_written <- function(x) as.numeric(fmt(x))

## ---------------------------------------------------------------- Shapiro-Wilk
# dataset name = sw-<distribution>-<n>; rows of shapiro-wilk-input.csv are the values in draw order.
set.seed(20240611)
sw_sizes <- c(3, 4, 5, 6, 7, 11, 12, 20, 50, 200, 1000, 5000)
sw_draw <- list(
  normal  = function(n) rnorm(n, mean = 10, sd = 2),
  skewed  = function(n) rlnorm(n, meanlog = 0, sdlog = 1),
  uniform = function(n) runif(n, 0, 1),
  ties    = function(n) as.numeric(sample(1:5, n, replace = TRUE)),
  rounded = function(n) round(rnorm(n, mean = 50, sd = 10), 0)
)
sw_data <- list()
for (n in sw_sizes) for (dist in names(sw_draw)) {
  repeat { # a draw whose values are all identical has no W; draw again (only possible for tiny n)
    x <- as_written(sw_draw[[dist]](n))
    if (max(x) > min(x)) break
  }
  sw_data[[sprintf("sw-%s-%d", dist, n)]] <- x
}
# Hand-made and special samples.
sw_data[["sw-ties-3-minimal"]] <- c(1, 1, 2)             # W = 3/4, the minimum for n = 3: p = 0
sw_data[["sw-equally-spaced-3"]] <- c(3, 1, 2)           # W = 1 for n = 3
sw_data[["sw-offset-100"]] <- as_written(1e6 + rnorm(100))  # large location, small spread
sw_data[["sw-tiny-scale-30"]] <- as_written(1e-12 * rnorm(30)) # R rescales when the range < 1e-10
sw_data[["sw-heavy-tails-500"]] <- as_written(rt(500, df = 2))
sw_data[["sw-very-skewed-5000"]] <- as_written(rexp(5000)^3) # p far below 1e-10
sw_data[["sw-bimodal-80"]] <- as_written(c(rnorm(40, 0, 1), rnorm(40, 6, 1)))
sw_data[["sw-sleep-extra"]] <- datasets::sleep$extra
sw_data[["sw-precip"]] <- unname(as.numeric(datasets::precip))

for (name in names(sw_data)) {
  x <- sw_data[[name]]
  r <- shapiro.test(x)
  emit(name, "n", length(x))
  emit(name, "statistic", unname(r$statistic))
  emit(name, "p_value", r$p.value)
}
write_lines(c("dataset,value",
              unlist(lapply(names(sw_data), function(nm) paste(nm, fmt(sw_data[[nm]]), sep = ",")))),
            "shapiro-wilk-input.csv")

## ---------------------------------------------------------------- Levene (center = median)
# levene-input.csv: dataset,group,value; group labels are 1..k in order of the Swift [[Double]].
set.seed(424242)
lev_data <- list(
  "lev-two-equal"      = list(rnorm(10, 0, 1), rnorm(10, 0, 3)),
  "lev-two-unequal"    = list(rnorm(7, 5, 1), rnorm(16, 5, 1.5)),
  "lev-three-unequal"  = list(rnorm(8, 0, 1), rnorm(12, 1, 2), rnorm(15, 2, 1)),
  "lev-ties"           = list(as.numeric(sample(1:5, 9, TRUE)), as.numeric(sample(1:5, 12, TRUE)),
                              as.numeric(sample(2:4, 10, TRUE))),
  "lev-group-of-two"   = list(c(4.2, 7.9), rnorm(6, 5, 2), rnorm(9, 5, 1)),
  "lev-group-of-one"   = list(3.5, rnorm(5, 2, 1), rnorm(7, 2, 2)),
  "lev-four-groups"    = list(rexp(11), rexp(12, 0.5), rexp(13, 2), rexp(14)),
  "lev-even-odd"       = list(c(1, 2, 4, 8), c(3, 5, 6, 9, 15), c(2, 2, 3, 7, 7, 10)),
  "lev-equal-spread"   = list(c(1, 2, 3), c(11, 12, 13)),   # F = 0 exactly, p = 1
  "lev-large-offset"   = list(1e6 + rnorm(9), 1e6 + rnorm(10, 0, 2))
)
pg <- datasets::PlantGrowth
lev_data[["lev-plantgrowth"]] <- lapply(levels(pg$group), function(g) pg$weight[pg$group == g])
lev_data <- lapply(lev_data, function(gs) lapply(gs, as_written))

lev_lines <- "dataset,group,value"
for (name in names(lev_data)) {
  gs <- lev_data[[name]]
  y <- unlist(gs)
  group <- factor(rep(seq_along(gs), lengths(gs)))
  lt <- leveneTest(y ~ group)
  emit(name, "statistic", lt[1, "F value"])
  emit(name, "df", lt[1, "Df"])
  emit(name, "df_denominator", lt[2, "Df"])
  emit(name, "p_value", lt[1, "Pr(>F)"])
  for (g in seq_along(gs)) emit(name, paste0("n/", g), length(gs[[g]]))
  lev_lines <- c(lev_lines, paste(name, as.integer(group), fmt(y), sep = ","))
}
stopifnot(attr(lt, "heading") == "Levene's Test for Homogeneity of Variance (center = median)")
write_lines(lev_lines, "levene-input.csv")

## ---------------------------------------------------------------- p.adjust
# Keys <method>/<i>, with <method> spelled as the WalkStats CLI flag (bh = R's "BH").
set.seed(7)
pa_data <- list(
  "padj-ties"        = c(0.04, 0.01, 0.02, 0.02, 0.03, 0.04, 0.5),
  "padj-single"      = 0.03,
  "padj-two"         = c(0.04, 0.01),
  "padj-near-one"    = c(0.9, 0.95, 0.99, 1, 0.98, 0.97),
  "padj-with-zero"   = c(0, 0.001, 0, 0.2),
  "padj-all-equal"   = rep(0.02, 5),
  "padj-unsorted"    = c(0.3, 0.001, 0.05, 0.012, 0.8, 0.0004, 0.049, 0.051),
  "padj-random20-a"  = runif(20)^3,
  "padj-random20-b"  = runif(20),
  "padj-random20-c"  = 10^-runif(20, 0, 8)
)
pa_data <- lapply(pa_data, as_written)
methods <- c(holm = "holm", bonferroni = "bonferroni", hochberg = "hochberg", bh = "BH", none = "none")
pa_lines <- "dataset,value"
for (name in names(pa_data)) {
  p <- pa_data[[name]]
  emit(name, "n", length(p))
  for (flag in names(methods)) {
    adj <- p.adjust(p, method = methods[[flag]])
    for (i in seq_along(adj)) emit(name, paste0(flag, "/", i), adj[i])
  }
  pa_lines <- c(pa_lines, paste(name, fmt(p), sep = ","))
}
write_lines(pa_lines, "p-adjust-input.csv")

## ---------------------------------------------------------------- expected.csv
if (anyDuplicated(paste(rows_dataset, rows_key))) stop("duplicate dataset/key")
write_lines(c(
  "# generated by generate.R \u2014 do not edit",
  paste0("# R.version.string: ", R.version.string),
  paste0("# packages: stats ", packageDescription("stats")$Version, ", car ", packageDescription("car")$Version),
  "dataset,key,value",
  paste(rows_dataset, rows_key, rows_value, sep = ",")
), "expected.csv")
cat("wrote expected.csv:", length(rows_value), "rows;",
    length(sw_data), "Shapiro-Wilk,", length(lev_data), "Levene,", length(pa_data), "p.adjust datasets\n")
