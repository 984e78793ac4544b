# Writes the input CSVs of the nonparametric fixtures: paired.csv and two-sample.csv.
# Run from this folder:  Rscript make-inputs.R   (then Rscript generate.R)
# The inputs are committed; rerunning this script reproduces them byte for byte (fixed seed, R >= 3.6
# sampling). See README.md for what each dataset exercises.

paired <- list()
two <- list()
add_paired <- function(name, x, y) {
  stopifnot(length(x) == length(y))
  paired[[name]] <<- data.frame(dataset = name, pair = seq_along(x), x = x, y = y)
}
add_two <- function(name, a, b) {
  two[[name]] <<- rbind(data.frame(dataset = name, group = "a", value = a),
                        data.frame(dataset = name, group = "b", value = b))
}
no_ties <- function(v) length(unique(v)) == length(v)

# (e) R's own examples from ?wilcox.test (Hollander & Wolfe 1973, pp. 29f and 69f).
add_paired("depression",
           c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30),
           c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29))
add_two("permeability",
        c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46),
        c(1.15, 0.88, 0.90, 0.74, 1.21))

# (a) small, with tied and zero differences (normal approximation even though n < 50).
add_paired("ties-zeros",
           c(5, 7, 6, 8, 4, 9, 7, 6, 5, 8, 10, 3),
           c(3, 7, 4, 5, 4, 6, 5, 7, 2, 6, 7, 4))
# (b) small, untied, non-zero differences (exact); n = 10, and n = 5, whose best interval has level
# 0.9375 (R still reports 0.95: it reports the achieved level only when alpha* - alpha > alpha/2, as for
# n <= 4 in the grid below and for level 0.99).
add_paired("exact-n10",
           c(12.1, 9.8, 14.3, 11.0, 10.4, 13.9, 8.7, 12.6, 15.2, 10.9),
           c(10.0, 10.5, 11.2, 11.6, 8.1, 10.6, 9.0, 9.4, 11.3, 7.7))
add_paired("exact-n5", c(3.1, 4.6, 2.2, 5.9, 4.0), c(1.8, 2.1, 2.9, 2.4, 3.3))

set.seed(20240611)
# (c) n >= 50 without ties: normal approximation; exact = TRUE forces the exact distribution.
repeat {
  x <- round(rnorm(60, 50, 10), 3); y <- round(x - rnorm(60, 1.5, 4), 3)
  if (no_ties(abs(x - y)) && all(x != y)) break
}
add_paired("large-n60", x, y)
# n >= 50 with ties and zeros.
x <- round(rnorm(80, 20, 4)); y <- round(x - rnorm(80, 0.8, 3))
add_paired("large-ties-n80", x, y)

# Degenerate but defined cases.
add_paired("constant-differences", c(3, 4, 5, 9), c(1, 2, 3, 7))        # all differences 2: no CI in R
add_paired("single-difference", 3, 1)                                  # n = 1, exact, level 0
add_paired("two-with-zero", c(3, 5, 1), c(1, 2, 1))                     # R widens alpha to >= 1
add_paired("symmetric-pm", c(1, -1, 2, -2, 3, 0), c(0, 0, 0, 0, 0, 0))  # ties between +d and -d

# Exact confidence levels for every small n (achieved level and R's signif rounding).
for (n in 1:20) {
  d <- (1:n) * ifelse((1:n) %% 3 == 0, -1, 1) + (1:n) / 100
  add_paired(sprintf("grid-n%02d", n), round(d + 10, 2), rep(10, n))
}

# Random paired data, rounded to one decimal (ties, zeros, flat stretches of W) or two.
for (i in 1:30) {
  n <- sample(3:70, 1)
  digits <- if (i %% 3 == 0) 2 else 1
  x <- round(rnorm(n, 10, 3), digits); y <- round(x - rnorm(n, 0.5, 2), digits)
  add_paired(sprintf("random-%02d", i), x, y)
}

# (d) unequal group sizes, with and without ties.
add_two("unequal-ties", c(4, 6, 6, 7, 9, 9, 12), c(3, 4, 5, 5, 6, 7, 7, 8, 2, 5, 6, 4))
add_two("unequal-no-ties", c(4.1, 6.3, 6.8, 7.2, 9.5, 12.4), c(3.3, 4.7, 5.1, 5.6, 6.0, 7.7, 7.9, 8.2, 2.4, 5.9, 6.6))
repeat {
  a <- round(rnorm(55, 10, 2), 3); b <- round(rnorm(62, 9, 2.5), 3)
  if (no_ties(c(a, b))) break
}
add_two("large-no-ties", a, b)
repeat {
  a <- round(rnorm(30, 5, 1), 3); b <- round(rnorm(60, 4.6, 1.2), 3)
  if (no_ties(c(a, b))) break
}
add_two("one-large-no-ties", a, b)
add_two("large-ties", round(rnorm(70, 20, 5)), round(rnorm(64, 18, 5)))
add_two("single-each", 1, 2)
add_two("both-constant", c(1, 1, 1), c(2, 2))   # R stops when computing the interval

for (m in 1:6) for (n in 1:6) {
  add_two(sprintf("grid-m%d-n%d", m, n), round((1:m) * 1.7 + 0.3, 2), round((1:n) * 1.3, 2))
}
for (i in 1:30) {
  m <- sample(2:70, 1); n <- sample(2:70, 1)
  digits <- if (i %% 3 == 0) 2 else 1
  add_two(sprintf("random-%02d", i), round(rnorm(m, 10, 3), digits), round(rnorm(n, 9, 3), digits))
}

fmt <- function(v) sub("\\.?0+$", "", sprintf("%.3f", v))
p <- do.call(rbind, paired)
writeLines(c("dataset,pair,x,y", sprintf("%s,%d,%s,%s", p$dataset, p$pair, fmt(p$x), fmt(p$y))), "paired.csv")
t <- do.call(rbind, two)
writeLines(c("dataset,group,value", sprintf("%s,%s,%s", t$dataset, t$group, fmt(t$value))), "two-sample.csv")
