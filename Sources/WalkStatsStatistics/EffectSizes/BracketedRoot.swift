/// Brent's method for a root of a continuous function on an interval where it changes sign: inverse
/// quadratic interpolation or the secant step when they stay well inside the bracket, bisection
/// otherwise, so the bracket always shrinks and convergence is guaranteed.
///
/// ```
/// given f(a) · f(b) ≤ 0, keep b the best estimate and [b, c] a bracket;
/// stop when |c − b| / 2 ≤ 2 · ε · |b| + tolerance / 2, or f(b) = 0
/// ```
///
/// Written from the description in Brent (1973), chapter 4 (the same method as R's `uniroot`).
///
/// *References:* Brent RP (1973), Algorithms for Minimization without Derivatives, chapter 4.
/// Prentice-Hall. ISBN 0-13-022335-2.
enum BracketedRoot {
    /// The most function evaluations before giving up (bisection alone halves the bracket each time,
    /// so a finite bracket is reduced to rounding level well within this).
    static let maximumIterations = 500

    /// The root of `f` in [`lower`, `upper`], with `fLower` = f(lower) and `fUpper` = f(upper) of
    /// opposite signs (or one of them 0). Returns `nil` if the signs do not bracket a root or the
    /// iteration limit is reached.
    static func brent(lower: Double, upper: Double, fLower: Double, fUpper: Double, tolerance: Double,
                      _ f: (Double) throws -> Double) rethrows -> Double? {
        var (a, b, fa, fb) = (lower, upper, fLower, fUpper)
        if fa == 0 { return a }
        if fb == 0 { return b }
        guard (fa < 0) != (fb < 0) else { return nil }
        var (c, fc) = (a, fa)
        var step = b - a        // the last step taken
        var previousStep = step // the step before it
        for _ in 0..<maximumIterations {
            if (fb < 0) == (fc < 0) {
                // Keep the root between b and c.
                (c, fc) = (a, fa)
                step = b - a
                previousStep = step
            }
            if abs(fc) < abs(fb) {
                // Make b the better estimate.
                (a, fa) = (b, fb)
                (b, fb) = (c, fc)
                (c, fc) = (a, fa)
            }
            let tol = 2 * Double.ulpOfOne * abs(b) + tolerance / 2
            let half = (c - b) / 2
            if abs(half) <= tol || fb == 0 { return b }

            if abs(previousStep) >= tol && abs(fa) > abs(fb) {
                // Try interpolation through (a, fa), (b, fb) and, when distinct, (c, fc).
                var p: Double
                var q: Double
                let s = fb / fa
                if a == c {
                    p = 2 * half * s                  // secant
                    q = 1 - s
                } else {
                    let qa = fa / fc, rb = fb / fc    // inverse quadratic interpolation
                    p = s * (2 * half * qa * (qa - rb) - (b - a) * (rb - 1))
                    q = (qa - 1) * (rb - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < min(3 * half * q - abs(tol * q), abs(previousStep * q)) {
                    previousStep = step
                    step = p / q
                } else {
                    step = half                       // interpolation would leave the bracket: bisect
                    previousStep = step
                }
            } else {
                step = half
                previousStep = step
            }
            (a, fa) = (b, fb)
            b += abs(step) > tol ? step : (half > 0 ? tol : -tol)
            fb = try f(b)
        }
        return nil
    }
}
