# Writes the ANCOVA fixture: five analysable data sets (a–e) and two rank-deficient ones (f, g) as
# input CSVs, then expected.csv with R's lm() results for the arm coefficient.
# Run from this folder:  Rscript generate.R
# Uses base R and the stats package only. See README.md.

options(warn = 2) # any warning is an error: reference values must come from clean runs

# ---- 1. Input data (simulated, rounded so the CSV holds every value exactly) ----------------------

set.seed(20240611, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")

arms <- function(nA, nB) sample(c(rep("A", nA), rep("B", nB)))
pain <- function(n) pmin(10, pmax(0, round(rnorm(n, 6, 1.5), 1)))
effect <- function(arm) ifelse(arm == "A", -1.2, 0)

make_basic <- function(nA, nB) {
  arm <- arms(nA, nB)
  n <- length(arm)
  baseline <- pain(n)
  follow_up <- round(1 + 0.6 * baseline + effect(arm) + rnorm(n, 0, 0.9), 1)
  data.frame(participant = sprintf("P%02d", seq_len(n)), arm, baseline, follow_up)
}

inputs <- list()

# (a) simple pre/post, equal arms.
inputs[["a-equal"]] <- make_basic(15, 15)

# (b) unequal arms.
inputs[["b-unequal"]] <- make_basic(11, 17)

# (c) numeric age, categorical sex (F/M), ordinal kl_grade (1-4) used as a number.
local({
  d <- make_basic(19, 21)
  n <- nrow(d)
  d$age <- sample(45:80, n, replace = TRUE)
  d$sex <- sample(c("F", "M"), n, replace = TRUE, prob = c(0.6, 0.4))
  d$kl_grade <- sample(1:4, n, replace = TRUE)
  d$follow_up <- round(d$follow_up + 0.02 * (d$age - 60) + 0.3 * (d$sex == "M") + 0.25 * d$kl_grade, 1)
  inputs[["c-covariates"]] <<- d
})

# (d) a categorical covariate with 3 levels, first appearing in an order that is not the sorted one.
local({
  d <- make_basic(18, 18)
  n <- nrow(d)
  d$site <- sample(c("south", "east", "north"), n, replace = TRUE)
  d$site[1:3] <- c("south", "north", "east")
  d$follow_up <- round(d$follow_up + c(east = 0, north = 0.8, south = -0.5)[d$site], 1)
  inputs[["d-three-levels"]] <<- d
})

# (e) values near 10^6 with a small spread (a screening measurement close to the baseline as a
#     covariate): cond(X) is about 10^6, the normal equations would lose about 12 digits.
local({
  arm <- arms(12, 12)
  n <- length(arm)
  baseline <- 1e6 + round(rnorm(n, 0, 3), 2)
  screening <- baseline + round(rnorm(n, 0, 2), 2)
  follow_up <- baseline + round(0.5 + ifelse(arm == "A", 1.5, 0) + rnorm(n, 0, 1), 2)
  inputs[["e-large-scale"]] <<- data.frame(participant = sprintf("P%02d", seq_len(n)), arm, baseline,
                                           follow_up, screening)
})

# (f) rank-deficient: weight in grams is exactly 1000 x weight in kilograms; R reports NA for weight_g.
local({
  d <- make_basic(10, 10)
  d$weight_kg <- round(rnorm(nrow(d), 75, 12), 1)
  d$weight_g <- 1000 * d$weight_kg
  inputs[["f-collinear"]] <<- d
})

# (g) rank-deficient: every arm-A participant is at site 'south' and no arm-B participant is, so the
#     dummy for 'south' equals the arm indicator; R reports NA for sitesouth.
local({
  d <- make_basic(8, 10)
  d$site <- ifelse(d$arm == "A", "south", sample(c("east", "north"), nrow(d), replace = TRUE))
  # Arm-A rows first, so 'south' is the first level to appear: only the sorted order (east, north,
  # south) makes 'south' a non-reference level whose coefficient R reports as NA.
  d <- d[order(d$arm != "A"), ]
  d$participant <- sprintf("P%02d", seq_len(nrow(d)))
  inputs[["g-level-aliased"]] <<- d
})

for (name in names(inputs)) {
  write.csv(inputs[[name]], paste0(name, ".csv"), row.names = FALSE, quote = FALSE)
}

# ---- 2. Reference values ----------------------------------------------------------------------------

covariates <- list(
  "a-equal" = character(0),
  "b-unequal" = character(0),
  "c-covariates" = c("age", "sex", "kl_grade"),
  "d-three-levels" = "site",
  "e-large-scale" = "screening",
  "f-collinear" = c("weight_kg", "weight_g"),
  "g-level-aliased" = "site"
)
categorical <- c("sex", "site")

rows_dataset <- character(0); rows_key <- character(0); rows_value <- character(0)
emit <- function(dataset, key, value) {
  stopifnot(length(value) == 1, is.numeric(value), is.finite(value))
  rows_dataset <<- c(rows_dataset, dataset)
  rows_key <<- c(rows_key, key)
  rows_value <<- c(rows_value, sprintf("%.17g", value))
}

for (name in names(inputs)) {
  # Read back what the CSV holds: the reference values belong to the file, not to the in-memory data.
  d <- read.csv(paste0(name, ".csv"), stringsAsFactors = FALSE)
  d$arm <- factor(d$arm, levels = c("B", "A")) # reference level B: the coefficient armA is A - B
  for (v in intersect(covariates[[name]], categorical)) {
    lv <- sort(unique(d[[v]]))
    # Locale-sorted levels must equal the plain code-point (C locale) order WalkStats uses.
    stopifnot(identical(lv, unique(d[[v]])[order(unique(d[[v]]), method = "radix")]))
    d[[v]] <- factor(d[[v]], levels = lv)
  }
  f <- reformulate(c("baseline", "arm", covariates[[name]]), response = "follow_up")
  fit <- lm(f, data = d)
  emit(name, "n_A", sum(d$arm == "A"))
  emit(name, "n_B", sum(d$arm == "B"))
  emit(name, "coefficients", length(coef(fit)))
  aliased <- names(coef(fit))[is.na(coef(fit))]
  emit(name, "na_coefficients", length(aliased))
  for (a in aliased) emit(name, paste0("na/", a), 1)
  s <- coef(summary(fit))["armA", ]
  ci <- confint(fit, "armA", level = 0.95)
  emit(name, "estimate", s[["Estimate"]])
  emit(name, "se", s[["Std. Error"]])
  emit(name, "statistic", s[["t value"]])
  emit(name, "df", fit$df.residual)
  emit(name, "p_value", s[["Pr(>|t|)"]])
  emit(name, "ci_low", ci[1, 1])
  emit(name, "ci_high", ci[1, 2])
  ci90 <- confint(fit, "armA", level = 0.90)
  emit(name, "ci90_low", ci90[1, 1])
  emit(name, "ci90_high", ci90[1, 2])
}

out <- file("expected.csv", "wb")
writeLines(c("# generated by generate.R — do not edit",
             paste0("# R.version.string: ", R.version.string),
             paste0("# packages: stats ", packageVersion("stats")),
             "dataset,key,value",
             paste(rows_dataset, rows_key, rows_value, sep = ",")), out)
close(out)
