# Writes the wide-layout fixtures from long.csv (3 arms, 3 visits, 2 outcomes, missing cells, an `age`
# attribute), one row per participant in the long file's order:
#   wide-underscore.csv  id,group,age,pain_nrs_baseline,...    ({outcome}_{timepoint}, the default pattern)
#   wide-dotted.csv      participant,arm,age,baseline.pain_nrs ({timepoint}.{outcome})
# Values are written by write.csv as R prints them (1.10 as 1.1); missing values as NA.
# Run from this folder:  Rscript generate.R     Uses base R only (reshape from the stats package).
long <- read.csv("long.csv", stringsAsFactors = FALSE)
outcomes <- unique(long$outcome)
timepoints <- unique(long$timepoint)

# reshape() wants one "time" column: the outcome × timepoint key.
widen <- function(key) {
  long$key <- key
  wide <- reshape(long[, c("participant", "arm", "age", "key", "value")], direction = "wide",
                  idvar = c("participant", "arm", "age"), timevar = "key", v.names = "value", sep = "|")
  names(wide) <- sub("^value\\|", "", names(wide))
  wide
}

underscore <- widen(paste(long$outcome, long$timepoint, sep = "_"))
columns <- as.vector(outer(timepoints, outcomes, function(t, o) paste(o, t, sep = "_")))
underscore <- underscore[, c("participant", "arm", "age", columns)]
names(underscore)[1:2] <- c("id", "group")
write.csv(underscore, "wide-underscore.csv", row.names = FALSE, quote = FALSE, na = "NA")

dotted <- widen(paste(long$timepoint, long$outcome, sep = "."))
columns <- as.vector(outer(outcomes, timepoints, function(o, t) paste(t, o, sep = ".")))
dotted <- dotted[, c("participant", "arm", "age", columns)]
write.csv(dotted, "wide-dotted.csv", row.names = FALSE, quote = FALSE, na = "NA")
