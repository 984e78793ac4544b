# Writes normand1999.csv: metafor's dat.normand1999 (Normand 1999, Stat Med 18:321-359; length of
# hospital stay in days for stroke patients under specialist vs routine care, 9 studies) in WalkStats'
# summary format, as a worked example for `walkstats meta`. Not about backward walking.
# Run from this folder: Rscript make-normand1999.R
suppressPackageStartupMessages(library(metafor))
d <- dat.normand1999
rows <- c(
  sprintf("%s,specialist,discharge,length_of_stay,%d,%s,%s,days,metafor::dat.normand1999 (Normand 1999)", gsub("[ -]", "_", tolower(d$source)), d$n1i, as.character(d$m1i), as.character(d$sd1i)),
  sprintf("%s,routine,discharge,length_of_stay,%d,%s,%s,days,metafor::dat.normand1999 (Normand 1999)", gsub("[ -]", "_", tolower(d$source)), d$n2i, as.character(d$m2i), as.character(d$sd2i)))
rows <- rows[order(rep(seq_len(nrow(d)), 2))]
con <- file("normand1999.csv", open = "wb")
writeLines(c("study,arm,timepoint,outcome,n,mean,sd,unit,source", trimws(rows)), con, sep = "\n")
close(con)
