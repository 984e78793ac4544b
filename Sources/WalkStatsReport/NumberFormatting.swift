import Foundation
import WalkStatsModel

/// How numbers are rounded for people in Markdown reports: the one place report text formats a number.
/// JSON and CSV always carry full precision.
public enum NumberFormatting {
    /// How many decimals suit numbers on a scale whose spread (an SD) is `spread`: three significant
    /// digits of the spread, between 1 and 4 decimals (2 when there is no spread). A table uses one
    /// count for its whole outcome so its columns line up.
    public static func decimals(forSpread spread: Double?) -> Int {
        guard let spread, spread > 0, spread.isFinite else { return 2 }
        return min(4, max(1, 2 - Int(floor(log10(spread)))))
    }

    /// `x` with `decimals` decimals, or "–" for `nil`. A rounded negative zero prints as 0.
    public static func value(_ x: Double?, decimals: Int) -> String {
        guard let x else { return "–" }
        return fixed(x, decimals: decimals)
    }

    /// A p-value to 3 decimals, or "< 0.001" below that.
    public static func pValue(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : fixed(p, decimals: 3)
    }

    /// A p-value as a clause: "p = 0.015" or "p < 0.001".
    public static func pValueClause(_ p: Double) -> String {
        p < 0.001 ? "p < 0.001" : "p = \(fixed(p, decimals: 3))"
    }

    /// Degrees of freedom: an integer as is, otherwise 2 decimals (Welch).
    public static func degreesOfFreedom(_ df: Double) -> String {
        df == df.rounded() ? String(Int(df)) : fixed(df, decimals: 2)
    }

    /// A test statistic to 2 decimals.
    public static func statistic(_ x: Double) -> String {
        fixed(x, decimals: 2)
    }

    /// A rank statistic (V or W: a whole or half number) as is, without padding decimals.
    public static func rankStatistic(_ x: Double) -> String {
        significant(x)
    }

    /// `x` to `digits` significant digits without trailing zeros (C's `%.<digits>g`): 0.5, 1.5, 0.01234,
    /// 1.5e-05. The default of 6 digits prints constants such as an MCID as written.
    public static func significant(_ x: Double, digits: Int = 6) -> String {
        String(format: "%.\(digits)g", x)
    }

    /// A percentage with `decimals` decimals and a percent sign, such as "42.1%".
    public static func percent(_ x: Double, decimals: Int = 1) -> String {
        fixed(x, decimals: decimals) + "%"
    }

    /// An interval as "[lower, upper]".
    public static func interval(_ lower: Double?, _ upper: Double?, decimals: Int) -> String {
        guard let lower, let upper else { return "–" }
        return "[\(value(lower, decimals: decimals)), \(value(upper, decimals: decimals))]"
    }

    /// A confidence level as a percentage label, such as "95% CI".
    public static func confidenceLabel(_ level: Double) -> String {
        let percent = level * 100
        return (percent == percent.rounded() ? String(Int(percent)) : fixed(percent, decimals: 1)) + "% CI"
    }

    /// `x` with `decimals` decimals, never "-0.00".
    static func fixed(_ x: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", x)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }

    /// Decimals for summaries (means, SDs, differences, intervals) of data recorded with
    /// `recordedDecimals`: one more than the data (Cole 2015, BMJ 351:h3526 on too many digits), at most 4.
    public static func summaryDecimals(recorded recordedDecimals: Int) -> Int {
        min(4, recordedDecimals + 1)
    }

    /// A value on the data's own scale (a minimum, maximum, median or quartile): as few decimals as show it
    /// exactly, at least `recorded` and at most `recorded + 2` — "6", "5.5", "3.25" for whole-number scores.
    public static func dataValue(_ x: Double?, recorded: Int) -> String {
        guard let x else { return "–" }
        for decimals in recorded...(recorded + 2) {
            let text = fixed(x, decimals: decimals)
            if let back = Double(text), abs(back - x) <= 1e-9 * max(1, abs(x)) { return text }
        }
        return fixed(x, decimals: recorded + 2)
    }

    /// A range as "low to high" (never a dash, which reads as a minus next to negative numbers).
    public static func range(_ low: String, _ high: String) -> String {
        "\(low) to \(high)"
    }

    /// Decimals for a difference between two printed arm summaries (and its interval), the same in every
    /// report that shows it: as many as the paper printed its means with (a difference of two means printed
    /// to 2 decimals is exact to 2), else — for means WalkStats estimated, say from a median — from the SD.
    public static func decimals(_ a: ArmSummary, _ b: ArmSummary) -> Int {
        guard a.meanProvenance.isReported, b.meanProvenance.isReported else {
            return decimals(forSpread: max(a.standardDeviation, b.standardDeviation))
        }
        return max(1, recordedDecimals(a.mean), recordedDecimals(b.mean))
    }
}
