# Writes the MMRM fixture: input.csv (SIMULATED longitudinal trials, two datasets) and expected.csv with
# nlme's REML fit of value ~ baseline + arm * time over the follow-up visits, unstructured covariance,
# and Satterthwaite df derived here with numDeriv from nlme's fit.
# Run from this folder:  Rscript generate.R
# Uses nlme, emmeans and numDeriv. See README.md.

options(warn = 2) # any warning is an error: reference values must come from clean runs
suppressPackageStartupMessages({ library(nlme); library(emmeans); library(numDeriv) })

set.seed(20261130, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")

rows_dataset <- character(0); rows_key <- character(0); rows_value <- character(0)
emit <- function(dataset, key, value) {
  stopifnot(length(value) == 1, is.numeric(value), is.finite(value))
  rows_dataset <<- c(rows_dataset, dataset)
  rows_key <<- c(rows_key, key)
  rows_value <<- c(rows_value, sprintf("%.17g", value))
}

# One dataset: `per_arm` participants per arm, visits `times` (the first is baseline), values multivariate
# normal with standard deviations `sds` and correlation rho^|i - j|, mean 20 - 1.5 (visit - 1) plus
# effect_arm (visit - 1); `keep` (a function of the long data frame) drops follow-up measurements.
simulate <- function(name, arms, times, per_arm, sds, rho, effect, keep = NULL) {
  k <- length(times)
  participant <- sprintf("%s-P%02d", substr(name, 1, 1), seq_len(length(arms) * per_arm))
  arm <- rep(arms, each = per_arm)
  cov <- outer(sds, sds) * rho^abs(outer(seq_len(k), seq_len(k), "-"))
  z <- matrix(rnorm(length(participant) * k), ncol = k) %*% chol(cov)
  d <- expand.grid(visit = seq_len(k), id = seq_along(participant))
  d <- data.frame(dataset = name, participant = participant[d$id], arm = arm[d$id], time = times[d$visit],
                  value = round(20 - 1.5 * (d$visit - 1) + effect[match(arm[d$id], arms)] * (d$visit - 1) +
                                z[cbind(d$id, d$visit)], 1))
  if (!is.null(keep)) d <- d[keep(d), ]
  d
}

# Baseline + 3 follow-ups; dropouts (after week 4 or week 8), a non-monotone gap (week 8 missing,
# week 12 present), and one participant with baseline only (not in the model: no follow-up).
dropout <- simulate("dropout", c("control", "walking"), c("week0", "week4", "week8", "week12"), 15,
                    sds = c(4, 4.5, 5, 5.5), rho = 0.6, effect = c(0, -1), keep = function(d) {
                      id <- as.integer(sub(".*-P", "", d$participant)); v <- match(d$time, c("week0", "week4", "week8", "week12"))
                      !((id %in% c(3, 11, 18, 27) & v >= 3) | (id %in% c(6, 21, 24) & v == 4) |
                        (id %in% c(9, 16, 29) & v == 3) | (id == 14 & v >= 2))
                    })
# Baseline + 2 follow-ups, every measurement present.
complete <- simulate("complete", c("A", "B"), c("visit0", "visit1", "visit2"), 12,
                     sds = c(3, 3.5, 4), rho = 0.5, effect = c(0, -1.2))
# Three arms, baseline + 2 follow-ups, three dropouts after day30.
three_arm <- simulate("three-arm", c("A", "B", "C"), c("day0", "day30", "day60"), 12,
                      sds = c(3, 3.5, 4), rho = 0.5, effect = c(0, -0.8, -1.6), keep = function(d) {
                        id <- as.integer(sub(".*-P", "", d$participant))
                        !(id %in% c(4, 17, 30) & d$time == "day60")
                      })
write.csv(rbind(dropout, complete, three_arm), "input.csv", row.names = FALSE, quote = FALSE)

times_of <- list(dropout = c("week0", "week4", "week8", "week12"), complete = c("visit0", "visit1", "visit2"),
                 `three-arm` = c("day0", "day30", "day60"))
arms_of <- list(dropout = c("control", "walking"), complete = c("A", "B"), `three-arm` = c("A", "B", "C"))
all <- read.csv("input.csv", stringsAsFactors = FALSE)
for (name in c("dropout", "complete", "three-arm")) {
  d <- all[all$dataset == name, ]
  times <- times_of[[name]]
  base <- d[d$time == times[1], ]
  d <- d[d$time != times[1], ]
  d$baseline <- base$value[match(d$participant, base$participant)]
  stopifnot(!anyNA(d$baseline))
  d$arm <- factor(d$arm, levels = arms_of[[name]])
  d$time <- factor(d$time, levels = times[-1])
  d$visit_index <- as.integer(d$time)
  d$participant <- factor(d$participant, levels = unique(d$participant))
  d <- d[order(d$participant, d$visit_index), ]
  # nlme's optimisers stop early on these flat likelihoods in different ways: fit with both (nlminb,
  # gls' default, and optim's BFGS, which is given msTol as reltol) and keep the higher REML likelihood.
  fits <- lapply(c("nlminb", "optim"), function(opt)
    gls(value ~ baseline + arm * time, data = d,
        correlation = corSymm(form = ~ visit_index | participant), weights = varIdent(form = ~ 1 | time),
        method = "REML",
        control = glsControl(tolerance = 1e-10, msTol = 1e-12, msMaxIter = 1000, maxIter = 1000, opt = opt)))
  fit <- fits[[which.max(sapply(fits, function(f) as.numeric(logLik(f))))]]
  k <- nlevels(d$time)
  # The estimated covariance of the follow-up visits, from an individual with every visit.
  full <- names(which(table(d$participant) == k))[1]
  sigma_hat <- unclass(getVarCov(fit, individual = full))
  X <- model.matrix(value ~ baseline + arm * time, d)
  y <- d$value
  N <- nrow(X); p <- ncol(X)
  groups <- split(seq_len(N), d$participant, drop = TRUE)
  # theta: the unstructured covariance's elements sigma_ab, a <= b, in the order (1,1), (1,2), (2,2), (1,3), ...
  pairs <- do.call(rbind, lapply(seq_len(k), function(b) cbind(a = seq_len(b), b = b)))
  to_sigma <- function(theta) { s <- matrix(0, k, k); s[pairs] <- theta; s[pairs[, 2:1]] <- theta; s }
  theta_hat <- sigma_hat[pairs]
  parts <- function(theta) {
    s <- to_sigma(theta)
    vinv_x <- matrix(0, N, p); vinv_y <- numeric(N); logdet <- 0
    for (g in groups) {
      v <- d$visit_index[g]
      si <- solve(s[v, v, drop = FALSE])
      vinv_x[g, ] <- si %*% X[g, , drop = FALSE]; vinv_y[g] <- si %*% y[g]
      logdet <- logdet + as.numeric(determinant(s[v, v, drop = FALSE])$modulus)
    }
    xtvx <- crossprod(X, vinv_x)
    beta <- solve(xtvx, crossprod(X, vinv_y))
    # r' V^-1 r = y' V^-1 y - beta' X' V^-1 y at the GLS beta
    list(logdet = logdet, xtvx = xtvx, beta = beta,
         quad = as.numeric(crossprod(y, vinv_y) - crossprod(beta, crossprod(X, vinv_y))))
  }
  # The REML log-likelihood of the model, written out (checked against nlme's logLik below).
  reml <- function(theta) {
    q <- parts(theta)
    -0.5 * ((N - p) * log(2 * pi) + q$logdet + as.numeric(determinant(q$xtvx)$modulus) + q$quad)
  }
  stopifnot(abs(reml(theta_hat) - as.numeric(logLik(fit))) < 1e-9 * abs(as.numeric(logLik(fit))))
  stopifnot(max(abs(parts(theta_hat)$beta - coef(fit))) < 1e-6 * max(abs(coef(fit))))
  information <- -hessian(reml, theta_hat)
  A <- solve(information)
  satterthwaite <- function(l) {
    vc <- function(theta) as.numeric(t(l) %*% solve(parts(theta)$xtvx, l))
    g <- grad(vc, theta_hat)
    2 * vc(theta_hat)^2 / as.numeric(t(g) %*% A %*% g)
  }

  emit(name, "observations", N)
  emit(name, "participants", length(groups))
  emit(name, "reml_loglik", as.numeric(logLik(fit)))
  emit(name, "gradient_max", max(abs(grad(reml, theta_hat))))
  emit(name, "optimiser_optim", as.numeric(identical(fit, fits[[2]])))
  for (a in seq_len(k)) for (b in seq_len(k)) emit(name, sprintf("visit_covariance/%d/%d", a - 1, b - 1), sigma_hat[a, b])
  s <- summary(fit)$tTable
  V <- vcov(fit)
  emit(name, "coefficients", nrow(s))
  for (i in seq_len(nrow(s))) {
    term <- rownames(s)[i]
    l <- as.numeric(seq_len(p) == i)
    df <- satterthwaite(l)
    emit(name, sprintf("term/%d/%s/estimate", i - 1, term), s[i, "Value"])
    emit(name, sprintf("term/%d/%s/se", i - 1, term), s[i, "Std.Error"])
    emit(name, sprintf("term/%d/%s/statistic", i - 1, term), s[i, "t-value"])
    emit(name, sprintf("term/%d/%s/df", i - 1, term), df)
    emit(name, sprintf("term/%d/%s/p_value", i - 1, term), 2 * pt(-abs(s[i, "t-value"]), df))
    for (j in seq_len(p)) emit(name, sprintf("vcov/%d/%d", i - 1, j - 1), V[i, j])
  }
  # Arm differences at each visit: emmeans' estimate and SE (its df for gls are not Satterthwaite's);
  # the Satterthwaite df, t, p and interval from the same contrast vector.
  em <- emmeans(fit, pairwise ~ arm | time, mode = "df.error")
  ct <- as.data.frame(summary(em$contrasts, infer = c(TRUE, TRUE), adjust = "none"))
  L <- em$contrasts@linfct
  for (i in seq_len(nrow(ct))) {
    key <- sprintf("contrast/%s/%s", ct$time[i], gsub(" ", "", ct$contrast[i]))
    l <- L[i, ]
    stopifnot(abs(sum(l * coef(fit)) - ct$estimate[i]) < 1e-10 * (1 + abs(ct$estimate[i])))
    df <- satterthwaite(l)
    tval <- ct$estimate[i] / ct$SE[i]
    emit(name, paste0(key, "/estimate"), ct$estimate[i])
    emit(name, paste0(key, "/se"), ct$SE[i])
    emit(name, paste0(key, "/df"), df)
    emit(name, paste0(key, "/statistic"), tval)
    emit(name, paste0(key, "/p_value"), 2 * pt(-abs(tval), df))
    emit(name, paste0(key, "/lower"), ct$estimate[i] - qt(0.975, df) * ct$SE[i])
    emit(name, paste0(key, "/upper"), ct$estimate[i] + qt(0.975, df) * ct$SE[i])
    if (nlevels(d$arm) >= 3) {
      # Tukey within the visit with the Satterthwaite df (emmeans' own Tukey uses its gls df).
      m <- nlevels(d$arm)
      emit(name, paste0(key, "/tukey_p_value"), ptukey(sqrt(2) * abs(tval), m, df, lower.tail = FALSE))
      emit(name, paste0(key, "/tukey_lower"), ct$estimate[i] - qtukey(0.95, m, df) / sqrt(2) * ct$SE[i])
      emit(name, paste0(key, "/tukey_upper"), ct$estimate[i] + qtukey(0.95, m, df) / sqrt(2) * ct$SE[i])
    }
  }
}

out <- file("expected.csv", "wb")
writeLines(c("# generated by generate.R — do not edit",
             paste0("# R.version.string: ", R.version.string),
             paste0("# packages: nlme ", packageVersion("nlme"), ", emmeans ", packageVersion("emmeans"),
                    ", numDeriv ", packageVersion("numDeriv")),
             "dataset,key,value",
             paste(rows_dataset, rows_key, rows_value, sep = ",")), out)
close(out)
