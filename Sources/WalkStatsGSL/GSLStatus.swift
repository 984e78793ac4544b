import CGSL

/// A GSL status code, such as `GSL_EDOM`, kept as its raw value so that codes without a named
/// constant can still be represented (the pattern of GRDB's `ResultCode`).
public struct GSLStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The C status value returned by GSL.
    public let rawValue: Int32

    /// Wraps a raw GSL status value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `GSL_SUCCESS`.
    public static let success = GSLStatus(rawValue: Int32(GSL_SUCCESS))
    /// `GSL_EDOM`: an argument is outside the function's domain.
    public static let domainError = GSLStatus(rawValue: Int32(GSL_EDOM))
    /// `GSL_ERANGE`: the result is not representable.
    public static let rangeError = GSLStatus(rawValue: Int32(GSL_ERANGE))
    /// `GSL_EMAXITER`: an iteration limit was reached.
    public static let maxIterations = GSLStatus(rawValue: Int32(GSL_EMAXITER))
    /// `GSL_ENOMEM`: allocation failed.
    public static let outOfMemory = GSLStatus(rawValue: Int32(GSL_ENOMEM))

    /// GSL's own text for the status (`gsl_strerror`).
    public var description: String { String(cString: gsl_strerror(rawValue)) }
}
