/// An error from a call into GSL: the status (or a failed precondition detected before the call), the
/// GSL function involved and the inputs it was given.
public struct GSLError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The status GSL returned, or `.domainError` when WalkStats rejected the inputs before calling.
    public let status: GSLStatus
    /// The GSL function called, such as `gsl_cdf_tdist_Pinv`.
    public let function: String
    /// The inputs, rendered as `name=value` pairs, for the message.
    public let inputs: String
    /// What went wrong, in words.
    public let reason: String

    /// Creates an error for `function` called with `inputs`.
    public init(status: GSLStatus, function: String, inputs: String, reason: String? = nil) {
        self.status = status
        self.function = function
        self.inputs = inputs
        self.reason = reason ?? status.description
    }

    public var description: String {
        "GSL \(function)(\(inputs)) failed: \(reason)"
    }
}
