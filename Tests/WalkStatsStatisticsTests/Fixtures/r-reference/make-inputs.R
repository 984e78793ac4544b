# Writes the two synthetic inputs of the inferential-core checks (run once; the CSVs are committed):
#   ties-zeros.csv     small trial, integer pain scores: ties and zero changes (normal approximations)
#   large-no-ties.csv  60 + 55 participants, continuous values, no tied changes (n >= 50 rule)
# Run from this folder: Rscript make-inputs.R
set.seed(20261125)

write_long <- function(rows, path) {
  con <- file(path, open = "wb")
  writeLines(c("participant,arm,timepoint,outcome,value,age,sex,kl_grade", rows), con, sep = "\n")
  close(con)
}

rows <- character(0)
arms <- c(rep("retro", 9), rep("forward", 8))
for (i in seq_along(arms)) {
  id <- sprintf("T%02d", i)
  age <- 50 + (i * 7) %% 25
  sex <- if (i %% 3 == 0) "M" else "F"
  kl <- 1 + i %% 4
  pre <- 3 + (i * 3) %% 5
  change <- if (arms[i] == "retro") c(-2, -1, 0, -2, -3, 0, -1, -2, -1)[i] else c(0, -1, 1, 0, -1, 0, -2, 0)[i - 9]
  post <- pre + change
  rows <- c(rows,
            sprintf("%s,%s,pre,pain_nrs,%d,%d,%s,%d", id, arms[i], pre, age, sex, kl),
            sprintf("%s,%s,post,pain_nrs,%d,%d,%s,%d", id, arms[i], post, age, sex, kl))
}
write_long(rows, "ties-zeros.csv")

rows <- character(0)
arms <- c(rep("retro", 60), rep("forward", 55))
repeat {
  pre <- round(rnorm(length(arms), 1.0, 0.2), 4)
  post <- round(pre + ifelse(arms == "retro", 0.08, 0.03) + rnorm(length(arms), 0, 0.1), 4)
  d <- post - pre
  if (!anyDuplicated(round(abs(d), 8)) && all(d != 0) && !anyDuplicated(pre) && !anyDuplicated(post)) break
}
for (i in seq_along(arms)) {
  id <- sprintf("L%03d", i)
  age <- 45 + i %% 30
  sex <- if (i %% 2 == 0) "M" else "F"
  kl <- 1 + (i * 3) %% 4
  rows <- c(rows,
            sprintf("%s,%s,pre,walking_speed,%.4f,%d,%s,%d", id, arms[i], pre[i], age, sex, kl),
            sprintf("%s,%s,post,walking_speed,%.4f,%d,%s,%d", id, arms[i], post[i], age, sex, kl))
}
write_long(rows, "large-no-ties.csv")
cat("wrote ties-zeros.csv and large-no-ties.csv\n")
