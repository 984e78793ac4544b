# Writes expected.csv: R reference values for the WalkStats statistics tests.
# Run from this folder:  Rscript generate.R
# Uses base R and the stats package only. See README.md for the key layout and definitions.

options(warn = 2) # any warning is an error: reference values must come from clean runs

datasets <- c("sleep", "unequal-missing", "retro-walking-trial")

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
  d <- read.csv(path, na.strings = c("", "NA", "NaN"), stringsAsFactors = FALSE,
                colClasses = c(participant = "character", arm = "character",
                               timepoint = "character", outcome = "character",
                               value = "numeric"))
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
    }
  }

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
  paste0("# packages: stats ", as.character(packageVersion("stats"))),
  "dataset,key,value",
  paste(rows_dataset, rows_key, rows_value, sep = ",")
)
con <- file("expected.csv", open = "wb")
writeLines(enc2utf8(lines), con, sep = "\n", useBytes = TRUE)
close(con)
cat("wrote expected.csv:", length(rows_value), "rows\n")
