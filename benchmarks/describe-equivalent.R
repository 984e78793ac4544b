# What `walkstats describe FILE` computes, with data.table: read the long CSV, then n, missing, mean, SD and
# median per arm x timepoint x outcome. Used by benchmarks/bench.py for the reading benchmark.
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
d <- fread(args[1], na.strings = c("", "NA", "NaN"))
s <- d[, .(n = sum(!is.na(value)), missing = sum(is.na(value)), mean = mean(value, na.rm = TRUE),
          sd = sd(value, na.rm = TRUE), median = median(value, na.rm = TRUE)), by = .(arm, timepoint, outcome)]
cat(nrow(s), "cells\n")
