/// A root of a function of one variable on a bracketing interval, by Brent's method: the one root finder
/// of WalkStats (Hodges–Lehmann estimates and intervals of the rank tests, noncentral-t intervals of the
/// effect sizes).
///
/// Brent–Dekker: keep a bracket [b, c] with f(b), f(c) of opposite signs (b the best estimate so far);
/// each step tries inverse quadratic interpolation through the last three points (the secant when only
/// two are distinct) and falls back to bisection when that step would leave the bracket, would not shrink
/// it fast enough, or would be shorter than the tolerance. It stops when the bracket is within
///
/// ```
/// tolerance_b = 2 · ε · |b| + tolerance / 2      (ε = Double.ulpOfOne)
/// ```
///
/// of b, or when f(b) = 0, and returns b.
///
/// This follows the formulation of Brent's `zero` in the netlib C routine `zeroin.c` (the one R's
/// `uniroot` is built on): the acceptance test for an interpolated step compares it with the previous step
/// b − a, and a step shorter than the tolerance is lengthened to the tolerance. With the same tolerance,
/// iteration limit and function values, it therefore visits the same points as `uniroot` and returns
/// the same root, which matters for the Wilcoxon intervals: their functions are step functions, so the
/// root found depends on the path (anywhere on a flat stretch where f = 0 is a root) and R's answer is
/// only as accurate as its tolerance.
///
/// *References:* Brent RP (1973), Algorithms for Minimization without Derivatives, Prentice-Hall,
/// chapter 4 (procedure `zero`). Forsythe GE, Malcolm MA, Moler CB (1977), Computer Methods for
/// Mathematical Computations, Prentice-Hall, §7.2 (`zeroin`).
enum RootFinding {
    /// The outcome of ``brent(lower:upper:valueAtLower:valueAtUpper:tolerance:maximumIterations:_:)``.
    struct Root {
        /// The root found (the last iterate when the iteration limit was reached).
        let location: Double
        /// Whether the tolerance was met within the iteration limit (R's `uniroot` only warns otherwise).
        let converged: Bool
    }

    /// Finds a zero of `f` in [`lower`, `upper`], given f at both ends with opposite signs (or a zero).
    ///
    /// - Parameters:
    ///   - lower: the left end of the bracket.
    ///   - upper: the right end of the bracket.
    ///   - valueAtLower: f(`lower`).
    ///   - valueAtUpper: f(`upper`); its sign must differ from f(`lower`)'s, or one of them must be 0.
    ///   - tolerance: the absolute accuracy wanted (R's `tol`).
    ///   - maximumIterations: the number of evaluations of `f` allowed (R's `maxiter`).
    ///   - f: the function.
    /// - Returns: the root, and whether it met the tolerance.
    static func brent(lower: Double, upper: Double, valueAtLower: Double, valueAtUpper: Double,
                      tolerance: Double, maximumIterations: Int, _ f: (Double) throws -> Double) rethrows -> Root {
        var a = lower, fa = valueAtLower
        var b = upper, fb = valueAtUpper
        var c = a, fc = fa
        if fa == 0 { return Root(location: a, converged: true) }
        if fb == 0 { return Root(location: b, converged: true) }
        for _ in 0...maximumIterations {
            let previousStep = b - a
            if abs(fc) < abs(fb) {
                // Make b the best estimate; the bracket stays [b, c].
                (a, b, c) = (b, c, b)
                (fa, fb, fc) = (fb, fc, fb)
            }
            let stepTolerance = 2 * Double.ulpOfOne * abs(b) + tolerance / 2
            var step = (c - b) / 2
            if abs(step) <= stepTolerance || fb == 0 { return Root(location: b, converged: true) }

            if abs(previousStep) >= stepTolerance, abs(fa) > abs(fb) {
                // Interpolate: p / q is the step from b.
                let cb = c - b
                var p: Double, q: Double
                if a == c {
                    // Two distinct points: the secant.
                    let s = fb / fa
                    p = cb * s
                    q = 1 - s
                } else {
                    // Three points: inverse quadratic interpolation.
                    let qa = fa / fc, r = fb / fc, s = fb / fa
                    p = s * (cb * qa * (qa - r) - (b - a) * (r - 1))
                    q = (qa - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                // Accept only a step well inside the bracket that is less than half the previous step.
                if p < 0.75 * cb * q - abs(stepTolerance * q) / 2, p < abs(previousStep * q / 2) {
                    step = p / q
                }
            }
            if abs(step) < stepTolerance { step = step > 0 ? stepTolerance : -stepTolerance }

            a = b
            fa = fb
            b += step
            fb = try f(b)
            if (fb > 0 && fc > 0) || (fb < 0 && fc < 0) {
                // The root is now between a (the previous b) and b.
                c = a
                fc = fa
            }
        }
        return Root(location: b, converged: false)
    }
}
