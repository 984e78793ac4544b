/// A decimal number held exactly, as written: `significand × 10^−decimals` (0.05 is 5 × 10⁻²). A responder
/// is decided on these, never on a binary floating-point difference that can land a hair short of the
/// threshold (1.15 − 1.10 = 0.04999… in `Double`).
public struct ExactDecimal: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The digits as an integer.
    public let significand: Int64
    /// How many of them follow the decimal point.
    public let decimals: Int

    /// Equal as numbers: 1.0 equals 1.
    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let (l, r) = (lhs.normalized, rhs.normalized)
        return l.significand == r.significand && l.decimals == r.decimals
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.significand)
        hasher.combine(n.decimals)
    }

    /// Creates `significand × 10^−decimals`.
    public init(significand: Int64, decimals: Int) {
        self.significand = significand
        self.decimals = decimals
    }

    /// Reads a plain decimal such as `2`, `0.05`, `-19.9` or `+1.` (no exponent, at most 15 significant digits);
    /// `nil` for anything else.
    public init?(_ text: String) {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" || sign == "\u{2212}" {
            negative = sign != "+"
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber }),
              (whole + fraction).drop(while: { $0 == "0" }).count <= 15,
              let value = Int64(whole.isEmpty && fraction.isEmpty ? "0" : String(whole + fraction)) else { return nil }
        self.init(significand: negative ? -value : value, decimals: fraction.count)
    }

    /// The value recorded as `value` with `decimals` decimals (the data's own precision): exact when the value
    /// was written with at most that many decimals.
    public init(_ value: Double, decimals: Int) {
        self.init(significand: Int64((value * Self.scale(decimals)).rounded()), decimals: decimals)
    }

    /// 10^`decimals` as a `Double` (exact up to 10^22).
    static func scale(_ decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return scale
    }

    /// The same number with no trailing zero decimals (2.50 → 2.5, 0.0 → 0).
    public var normalized: ExactDecimal {
        var (significand, decimals) = (self.significand, self.decimals)
        while decimals > 0, significand % 10 == 0 { significand /= 10; decimals -= 1 }
        return ExactDecimal(significand: significand, decimals: decimals)
    }

    /// The value as a `Double`.
    public var doubleValue: Double { Double(significand) / Self.scale(decimals) }

    /// The significand at `decimals` ≥ ``decimals`` (the same number with more digits).
    public func significand(atDecimals target: Int) -> Int64 {
        var result = significand
        for _ in decimals..<max(decimals, target) { result *= 10 }
        return result
    }

    /// The shortest plain decimal: `0.05`, `2`, `-19.9`.
    public var description: String {
        var digits = String(significand.magnitude)
        var decimals = self.decimals
        while decimals > 0, digits.count > 1, digits.hasSuffix("0") { digits.removeLast(); decimals -= 1 }
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (significand < 0 ? "-" : "") + digits
    }
}

/// A change that makes a participant a responder: an improvement of at least ``value`` points, or of at least
/// ``value`` percent of the baseline value.
public struct ResponderThreshold: Sendable, Equatable {
    /// Whether the threshold is in the outcome's own units or a percentage of the baseline value.
    public enum Kind: String, Sendable, Equatable {
        /// An improvement of at least the value, in the outcome's unit.
        case points
        /// An improvement of at least the value, as a percentage of the participant's baseline value.
        case percent
    }

    /// Which of a source's thresholds this is.
    public enum Level: String, Sendable, Equatable {
        /// The smallest change patients perceive as an improvement (Salaffi's "minimally important",
        /// Perera's "small meaningful" change).
        case minimal
        /// A larger, clearly important change (Salaffi's "much better", Perera's "substantial" change).
        case important
        /// Given on the command line (`--mcid`).
        case chosen
    }

    /// The threshold, as written.
    public let value: ExactDecimal
    /// Points or percent.
    public let kind: Kind
    /// Minimal, important or chosen.
    public let level: Level
    /// Where it comes from.
    public let source: String

    /// Creates a threshold.
    public init(value: ExactDecimal, kind: Kind, level: Level, source: String) {
        self.value = value
        self.kind = kind
        self.level = level
        self.source = source
    }

    /// How a table names it: "1", "0.05", "15%".
    public var label: String { kind == .percent ? "\(value)%" : "\(value)" }

    /// Reads a command-line threshold: `2` (points) or `30%` (percent of baseline); `nil` when the text is
    /// neither a plain decimal nor a positive one.
    public init?(chosen text: String) {
        let trimmed = text.trimmingCharacters(inSet: " ")
        let isPercent = trimmed.hasSuffix("%")
        guard let value = ExactDecimal(isPercent ? String(trimmed.dropLast()) : trimmed), value.significand > 0 else { return nil }
        self.init(value: value, kind: isPercent ? .percent : .points, level: .chosen, source: "chosen on the command line (--mcid)")
    }
}

extension String {
    /// The string without leading and trailing characters of `set` (Foundation-free).
    func trimmingCharacters(inSet set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
