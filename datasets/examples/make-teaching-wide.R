# Writes teaching-set-wide-eu.csv: the SIMULATED teaching set (../sample/teaching-set.csv, long:
# participant,arm,timepoint,outcome,value) as a trial sheet typically leaves a clinic, a European
# spreadsheet export: one row per participant, one column per outcome and visit
# (ID;Group;pain_nrs_baseline;pain_nrs_week4;...), `;`-separated with decimal commas (write.csv2),
# missing values written as the code -999. Only pain_nrs and walking_speed are kept, at all four visits,
# so the sheet stays readable. Not data from any trial; for notebooks/07-from-a-wide-sheet-to-an-analysis.
# Run from this folder:  Rscript make-teaching-wide.R     Uses base R only (reshape from the stats package).
long <- read.csv("../sample/teaching-set.csv", stringsAsFactors = FALSE)
outcomes <- c("pain_nrs", "walking_speed")
timepoints <- c("baseline", "week4", "week8", "week12")
long <- long[long$outcome %in% outcomes, ]

# reshape() wants one "time" column: the outcome_timepoint key.
long$key <- paste(long$outcome, long$timepoint, sep = "_")
wide <- reshape(long[, c("participant", "arm", "key", "value")], direction = "wide",
                idvar = c("participant", "arm"), timevar = "key", v.names = "value", sep = "|")
names(wide) <- sub("^value\\|", "", names(wide))
columns <- as.vector(outer(timepoints, outcomes, function(t, o) paste(o, t, sep = "_")))
wide <- wide[, c("participant", "arm", columns)]
names(wide)[1:2] <- c("ID", "Group")

# write.csv2: `;` between fields, `,` as the decimal mark; -999 for a missing value.
write.csv2(wide, "teaching-set-wide-eu.csv", row.names = FALSE, na = "-999")
