import Foundation

/// How numbers are rounded for people in Markdown reports. JSON and CSV always carry full precision.
public enum NumberFormatting {
    /// A measurement-scale number: 1 decimal from 100 up, 2 decimals from 1 up, otherwise 3 significant
    /// digits (at most 4 decimals); "–" for `nil`. A rounded negative zero prints as 0.
    public static func value(_ x: Double?) -> String {
        guard let x else { return "–" }
        let magnitude = abs(x)
        let decimals: Int
        if magnitude >= 100 { decimals = 1 } else if magnitude >= 1 || magnitude == 0 { decimals = 2 } else {
            decimals = min(4, max(2, 2 - Int(floor(log10(magnitude)))))
        }
        return fixed(x, decimals: decimals)
    }

    /// A p-value to 3 decimals, or "< 0.001" below that.
    public static func pValue(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : fixed(p, decimals: 3)
    }

    /// Degrees of freedom: an integer as is, otherwise 2 decimals (Welch).
    public static func degreesOfFreedom(_ df: Double) -> String {
        df == df.rounded() ? String(Int(df)) : fixed(df, decimals: 2)
    }

    /// A test statistic to 2 decimals.
    public static func statistic(_ x: Double) -> String {
        fixed(x, decimals: 2)
    }

    /// An interval as "[lower, upper]".
    public static func interval(_ lower: Double?, _ upper: Double?) -> String {
        guard let lower, let upper else { return "–" }
        return "[\(value(lower)), \(value(upper))]"
    }

    /// A confidence level as a percentage label, such as "95% CI".
    public static func confidenceLabel(_ level: Double) -> String {
        let percent = level * 100
        return (percent == percent.rounded() ? String(Int(percent)) : String(format: "%.1f", percent)) + "% CI"
    }

    /// `x` with `decimals` decimals, never "-0.00".
    static func fixed(_ x: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", x)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }
}
