# Writes the SPSS, Stata and SAS fixtures of the ReadStat reader from the wide-layout fixtures' long file
# (../wide/long.csv: 12 participants in 3 arms, 3 visits, 2 outcomes, 3 missing values, an `age` attribute)
# and its wide reshape (../wide/wide-underscore.csv), with R's haven. Each file reads back, through
# `walkstats convert`, to the same long CSV as the CSV it was made from.
#   long.sav, wide.sav      SPSS: arm stored as 1/2/3 with value labels backward/control/forward; variable
#                           labels; some missing values stored as the user-defined missing code -99
#                           (labelled_spss na_values), the others system missing
#   long.zsav               as long.sav, compressed (write_sav compress = "zsav")
#   long.dta, wide.dta      Stata 14: arm labelled as in SPSS; some missing values stored as tagged missing .a
#   long.xpt, wide.xpt      SAS transport version 8 (names over 8 characters): arm as text (no value labels)
#   long.sas7bdat           SAS data file (haven's write_sas, deprecated but present in 2.5.1): arm as text
#   dates.sav, .dta, .xpt   a date-formatted variable (visit_date), which the reader refuses
# Run from this folder:  Rscript generate.R
# Written with: R version 4.2.2 Patched (2022-11-10 r83330), haven 2.5.1 (the versions are checked below).
library(haven)
stopifnot(R.version.string == "R version 4.2.2 Patched (2022-11-10 r83330)",
          as.character(packageVersion("haven")) == "2.5.1")

long <- read.csv("../wide/long.csv", stringsAsFactors = FALSE)
wide <- read.csv("../wide/wide-underscore.csv", stringsAsFactors = FALSE)
arms <- c(backward = 1, control = 2, forward = 3)

# Codes the arm as a labelled number; `na` turns the chosen missing cells into user-defined or tagged missing.
labelled_arm <- function(arm) labelled(unname(arms[arm]), arms, label = "Treatment arm")

# SPSS: missing values at odd positions become the declared missing code -99.
spss_missing <- function(x, label) {
  missing <- which(is.na(x))
  x[missing[seq_along(missing) %% 2 == 1]] <- -99
  labelled_spss(x, na_values = -99, label = label)
}
# Stata: missing values at odd positions become tagged missing .a.
stata_missing <- function(x, label) {
  missing <- which(is.na(x))
  x[missing[seq_along(missing) %% 2 == 1]] <- tagged_na("a")
  labelled(x, label = label)
}

long_spss <- data.frame(participant = long$participant, arm = labelled_arm(long$arm),
                        age = labelled(long$age, label = "Age (years)"), timepoint = long$timepoint,
                        outcome = long$outcome, value = spss_missing(long$value, "Measured value"))
attr(long_spss$participant, "label") <- "Participant"
write_sav(long_spss, "long.sav")
write_sav(long_spss, "long.zsav", compress = "zsav")

outcome_columns <- names(wide)[-(1:3)]
wide_spss <- data.frame(id = wide$id, group = labelled_arm(wide$group), age = labelled(wide$age, label = "Age (years)"))
for (column in outcome_columns) wide_spss[[column]] <- spss_missing(wide[[column]], column)
write_sav(wide_spss, "wide.sav")

long_stata <- long_spss
long_stata$value <- stata_missing(long$value, "Measured value")
write_dta(long_stata, "long.dta", version = 14)
wide_stata <- wide_spss
for (column in outcome_columns) wide_stata[[column]] <- stata_missing(wide[[column]], column)
write_dta(wide_stata, "wide.dta", version = 14)

long_sas <- long
attr(long_sas$age, "label") <- "Age (years)"
write_xpt(long_sas, "long.xpt", version = 8, name = "LONG")
write_xpt(wide, "wide.xpt", version = 8, name = "WIDE")
write_sas(long_sas, "long.sas7bdat")

dates <- data.frame(participant = c("P01", "P02"), arm = c("forward", "backward"), timepoint = "baseline",
                    outcome = "pain_nrs", value = c(7, 6), visit_date = as.Date(c("2024-01-08", NA)))
write_sav(dates, "dates.sav")
write_dta(dates, "dates.dta", version = 14)
write_xpt(dates, "dates.xpt", version = 8)

# Read back: the labels, the missing codes and every value survive.
stopifnot(identical(as.numeric(zap_missing(read_sav("long.sav", user_na = TRUE)$value)),
                    ifelse(is.na(long$value), NA_real_, long$value)))
stopifnot(sum(unclass(read_sav("long.sav", user_na = TRUE)$value) == -99, na.rm = TRUE) == 2)
stopifnot(identical(as.character(as_factor(read_dta("long.dta")$arm, levels = "labels")), long$arm))
stopifnot(identical(read_xpt("wide.xpt")$pain_nrs_week8, as.numeric(wide$pain_nrs_week8)))
stopifnot(identical(read_sas("long.sas7bdat")$value, long$value))
