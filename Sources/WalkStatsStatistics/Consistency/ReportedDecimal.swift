import Foundation

/// A number as printed, with its number of decimals (trailing zeros count: "2.50" has two). Consistency
/// checks need the decimals because they say how precisely a value was rounded.
///
/// Stored exactly as an integer ``scaledValue`` = value × 10^``decimals`` (519 and 2 for "5.19"), so
/// the checks can reason about rounding without floating-point error.
public struct ReportedDecimal: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The printed digits as an integer: the value times 10^decimals (−125 for "-1.25").
    public let scaledValue: Int
    /// The number of printed decimals.
    public let decimals: Int

    /// The most decimals accepted (10^18 still fits an `Int`).
    public static let maximumDecimals = 15

    /// Reads a printed number such as `5.19`, `-0.50`, `.41` or `12` (no exponent, no thousands
    /// separator; surrounding spaces ignored).
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` for anything else, or more than
    ///   ``maximumDecimals`` decimals or 18 digits.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var body = Substring(trimmed)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" || sign == "−" {
            negative = sign != "+"
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        let allDigits = (whole + fraction).allSatisfy { $0.isASCII && $0.isNumber }
        guard allDigits, !(whole.isEmpty && fraction.isEmpty), !(parts.count == 2 && fraction.isEmpty),
              fraction.count <= Self.maximumDecimals, whole.count + fraction.count <= 18,
              let magnitude = Int(String(whole.isEmpty ? "0" : whole) + fraction) else {
            throw StatisticsError.invalidRequest(
                "expected a printed decimal number such as 5.19 or 0.50 (up to \(Self.maximumDecimals) decimals), found '\(text)'")
        }
        self.scaledValue = negative ? -magnitude : magnitude
        self.decimals = fraction.count
    }

    /// The number `value` printed with `decimals` decimals (`ReportedDecimal(5.19, decimals: 2)`); the
    /// value is rounded to that many decimals first, so pass the number as printed.
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` for negative or too many decimals, or a value
    ///   that is not finite or too large.
    public init(_ value: Double, decimals: Int) throws {
        guard decimals >= 0, decimals <= Self.maximumDecimals else {
            throw StatisticsError.invalidRequest("decimals must lie in 0…\(Self.maximumDecimals), got \(decimals)")
        }
        let scaled = (value * pow(10, Double(decimals))).rounded()
        guard value.isFinite, abs(scaled) < 1e18 else {
            throw StatisticsError.invalidRequest("expected a finite printed number below 1e18 units, got \(value)")
        }
        self.scaledValue = Int(scaled)
        self.decimals = decimals
    }

    /// The digits and decimals as given (a percentage as a proportion is the same digits with two more
    /// decimals).
    init(scaledValue: Int, decimals: Int) {
        self.scaledValue = scaledValue
        self.decimals = decimals
    }

    /// The value as a `Double`.
    public var value: Double { Double(scaledValue) / pow(10, Double(decimals)) }

    /// Half a unit in the last printed decimal: how far the true value may lie from the printed one.
    public var halfUnit: Double { 0.5 / pow(10, Double(decimals)) }

    /// The number as printed, with its decimals ("5.19", "0.50").
    public var description: String {
        let magnitude = String(abs(scaledValue))
        let sign = scaledValue < 0 ? "-" : ""
        guard decimals > 0 else { return sign + magnitude }
        let padded = String(repeating: "0", count: max(0, decimals + 1 - magnitude.count)) + magnitude
        return sign + padded.dropLast(decimals) + "." + padded.suffix(decimals)
    }
}
