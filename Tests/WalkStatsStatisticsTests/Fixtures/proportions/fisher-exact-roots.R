# Shared by generate.R here and ../responders/generate.R: source("fisher-exact-roots.R").
# fisher.test's conditional-MLE and interval roots (stats:::fisher.test, R 4.2.2, 2x2 case) with a
# tolerance at machine precision instead of uniroot's default.
fisher_exact_roots <- function(tab, conf.level = 0.95) {
  tol <- .Machine$double.xmin
  m <- sum(tab[, 1L]); n <- sum(tab[, 2L]); k <- sum(tab[1L, ]); x <- tab[1L, 1L]
  lo <- max(0L, k - n); hi <- min(k, m)
  support <- lo:hi
  logdc <- dhyper(support, m, n, k, log = TRUE)
  dnhyper <- function(ncp) { d <- logdc + log(ncp) * support; d <- exp(d - max(d)); d / sum(d) }
  mnhyper <- function(ncp) {
    if (ncp == 0) return(lo)
    if (ncp == Inf) return(hi)
    sum(support * dnhyper(ncp))
  }
  pnhyper <- function(q, ncp, upper.tail = FALSE) {
    if (ncp == 1) {
      return(if (upper.tail) phyper(x - 1, m, n, k, lower.tail = FALSE) else phyper(x, m, n, k))
    }
    if (ncp == 0) return(as.numeric(if (upper.tail) q <= lo else q >= lo))
    if (ncp == Inf) return(as.numeric(if (upper.tail) q <= hi else q >= hi))
    sum(dnhyper(ncp)[if (upper.tail) support >= q else support <= q])
  }
  root <- function(f, interval) uniroot(f, interval, tol = tol, maxiter = 10000)$root
  ncp.U <- function(x, alpha) {
    if (x == hi) return(Inf)
    p <- pnhyper(x, 1)
    if (p < alpha) root(function(t) pnhyper(x, t) - alpha, c(0, 1))
    else if (p > alpha) 1 / root(function(t) pnhyper(x, 1 / t) - alpha, c(.Machine$double.eps, 1))
    else 1
  }
  ncp.L <- function(x, alpha) {
    if (x == lo) return(0)
    p <- pnhyper(x, 1, upper.tail = TRUE)
    if (p > alpha) root(function(t) pnhyper(x, t, upper.tail = TRUE) - alpha, c(0, 1))
    else if (p < alpha) 1 / root(function(t) pnhyper(x, 1 / t, upper.tail = TRUE) - alpha, c(.Machine$double.eps, 1))
    else 1
  }
  mle <- function(x) {
    if (x == lo) return(0)
    if (x == hi) return(Inf)
    mu <- mnhyper(1)
    if (mu > x) root(function(t) mnhyper(t) - x, c(0, 1))
    else if (mu < x) 1 / root(function(t) mnhyper(1 / t) - x, c(.Machine$double.eps, 1))
    else 1
  }
  alpha <- (1 - conf.level) / 2
  c(estimate = mle(x), low = ncp.L(x, alpha), high = ncp.U(x, alpha))
}
