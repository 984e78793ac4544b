import CGSL

/// Gamma and beta special functions, evaluated by GSL's status-returning `gsl_sf_*_e` functions.
///
/// Every function validates its arguments, checks the returned status and the finiteness of the value,
/// and throws ``GSLError`` instead of returning NaN or aborting.
///
/// Related GSL documentation: https://www.gnu.org/software/gsl/doc/html/specfunc.html#gamma-and-beta-functions
public enum SpecialFunctions {
    /// ln |Γ(x)|, R's `lgamma(x)`.
    /// - Throws: ``GSLError`` when x is NaN, infinite, or a pole (0, −1, −2, …), or GSL reports an error.
    public static func logGamma(_ x: Double) throws -> Double {
        try evaluate("gsl_sf_lngamma_e", inputs: "x=\(x)", valid: x.isFinite) { gsl_sf_lngamma_e(x, $0) }
    }

    /// The regulated gamma function Γ*(x) = Γ(x) / (√(2π) x^(x − 1/2) e^(−x)) for x > 0 (`gsl_sf_gammastar_e`),
    /// so that ln Γ(x) = ½ ln(2π) + (x − ½) ln x − x + ln Γ*(x) without cancellation for large x.
    /// Γ*(x) → 1 as x → ∞ (it is about 1 + 1/(12x)).
    /// - Throws: ``GSLError`` when x is not a finite number > 0, or GSL reports an error.
    public static func regulatedGamma(_ x: Double) throws -> Double {
        try evaluate("gsl_sf_gammastar_e", inputs: "x=\(x)", valid: x.isFinite && x > 0) { gsl_sf_gammastar_e(x, $0) }
    }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b > 0, R's `lbeta(a, b)`. GSL evaluates it
    /// without the cancellation of the three-term difference when a or b is large.
    /// - Throws: ``GSLError`` when a or b is not a finite number > 0, or GSL reports an error.
    public static func logBeta(_ a: Double, _ b: Double) throws -> Double {
        try evaluate("gsl_sf_lnbeta_e", inputs: "a=\(a), b=\(b)", valid: a.isFinite && a > 0 && b.isFinite && b > 0) {
            gsl_sf_lnbeta_e(a, b, $0)
        }
    }

    /// The regularised incomplete beta function I_x(a, b), R's `pbeta(x, a, b)`.
    ///
    /// ```
    /// I_x(a, b) = (1 / B(a, b)) ∫₀ˣ u^(a−1) (1 − u)^(b−1) du,   a, b > 0,  0 ≤ x ≤ 1
    /// ```
    /// - Throws: ``GSLError`` when a or b is not a finite number > 0, x is outside [0, 1], or GSL reports
    ///   an error (such as `GSL_EMAXITER` from its continued fraction).
    public static func regularizedIncompleteBeta(a: Double, b: Double, x: Double) throws -> Double {
        let valid = a.isFinite && a > 0 && b.isFinite && b > 0 && x >= 0 && x <= 1
        let value = try evaluate("gsl_sf_beta_inc_e", inputs: "a=\(a), b=\(b), x=\(x)", valid: valid) {
            gsl_sf_beta_inc_e(a, b, x, $0)
        }
        // GSL's continued fraction can overshoot the unit interval by a rounding error.
        return min(max(value, 0), 1)
    }

    /// Calls a `gsl_sf_*_e` function after validation and turns a failed status or a non-finite value
    /// into a ``GSLError``.
    private static func evaluate(_ function: String, inputs: String, valid: Bool,
                                 _ call: (UnsafeMutablePointer<gsl_sf_result>) -> Int32) throws -> Double {
        GSLRuntime.prepare()
        guard valid else {
            throw GSLError(status: .domainError, function: function, inputs: inputs, reason: "argument outside the domain")
        }
        var result = gsl_sf_result(val: 0, err: 0)
        let status = call(&result)
        guard status == GSL_SUCCESS else {
            throw GSLError(status: GSLStatus(rawValue: status), function: function, inputs: inputs)
        }
        guard result.val.isFinite else {
            throw GSLError(status: .rangeError, function: function, inputs: inputs, reason: "non-finite result \(result.val)")
        }
        return result.val
    }
}
