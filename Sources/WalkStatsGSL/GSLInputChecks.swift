/// The checks every GSL distribution wrapper makes around a call, in one place: GSL answers degenerate
/// inputs silently (ν = 0 gives a probability of 1, p outside [0, 1] gives NaN), so these throw instead.
enum GSLInputChecks {
    /// Degrees of freedom must be a finite number > 0.
    static func degreesOfFreedom(_ nu: Double, function: String, inputs: String) throws {
        GSLRuntime.prepare()
        guard nu.isFinite, nu > 0 else {
            throw GSLError(status: .domainError, function: function, inputs: inputs,
                           reason: "degrees of freedom must be a finite number > 0")
        }
    }

    /// A probability argument (of a quantile function) must lie in [0, 1].
    static func probabilityArgument(_ p: Double, function: String, inputs: String) throws {
        guard p >= 0, p <= 1 else {
            throw GSLError(status: .domainError, function: function, inputs: inputs, reason: "probability must lie in [0, 1]")
        }
    }

    /// A CDF's result for argument `x`: `x` must not be NaN and the result must be a probability.
    static func probability(_ value: Double, of x: Double, function: String, inputs: String) throws -> Double {
        guard !x.isNaN, value.isFinite, value >= 0, value <= 1 else {
            throw GSLError(status: .domainError, function: function, inputs: inputs, reason: "no valid probability (got \(value))")
        }
        return value
    }
}
