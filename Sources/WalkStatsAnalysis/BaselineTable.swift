import WalkStatsModel
import WalkStatsStatistics

/// The participants' characteristics at baseline by arm — "Table 1" of a trial report: how many were
/// randomised, each participant attribute, and each outcome at the baseline timepoint. No p-values: in a
/// randomised trial any baseline difference is due to chance by design, and testing it is advised against
/// (CONSORT 2010 explanation and elaboration, item 15; Altman 1985, The Statistician 34:125–136).
///
/// *Summaries.* A number attribute is summarised by mean (SD), or by median (Q1–Q3, type 7) when it is
/// skewed (|sample skewness| > 1, computed over all arms); an attribute whose values are not all numbers,
/// or whole numbers on a short scale (at most ``maximumLevels`` distinct values spanning fewer than
/// ``maximumLevels`` units, such as a Kellgren–Lawrence grade 0–4), by n (%) per level, the percentages of the participants whose value is known. Outcomes at baseline are
/// mean (SD). Every row counts the participants with a known value, so missing values are visible.
public struct BaselineTable: Sendable, Equatable {
    /// How a row is summarised.
    public enum Summary: String, Sendable, Equatable {
        /// Mean and standard deviation.
        case meanSD = "mean_sd"
        /// Median and quartiles.
        case medianIQR = "median_iqr"
        /// Count and percentage of one level.
        case count
    }

    /// One arm's numbers in one row.
    public struct Cell: Sendable, Equatable {
        /// Participants with a known value.
        public let known: Int
        /// Mean or median (``Summary/meanSD``, ``Summary/medianIQR``).
        public let centre: Double?
        /// SD, or Q1 (with ``upper`` Q3).
        public let spread: Double?
        /// Q3 for ``Summary/medianIQR``.
        public let upper: Double?
        /// The level's count (``Summary/count``).
        public let count: Int?
    }

    /// One row: a characteristic (or one level of it) with a cell per arm.
    public struct Row: Sendable, Equatable {
        /// The attribute or outcome id.
        public let characteristic: String
        /// Whether it is an outcome at baseline (else a participant attribute).
        public let isOutcome: Bool
        /// The level, for ``Summary/count`` rows.
        public let level: String?
        /// The summary.
        public let summary: Summary
        /// One cell per arm of ``BaselineTable/arms``.
        public let cells: [Cell]
        /// The decimals the values were recorded with (`nil` for categories).
        public var recordedDecimals: Int? = nil
    }

    /// Whole-number attributes with at most this many distinct values, spanning fewer units, are shown as
    /// categories.
    public static let maximumLevels = 6
    /// |skewness| above this switches a number attribute to median (Q1–Q3).
    public static let skewnessThreshold = 1.0

    /// The arms, in order.
    public let arms: [String]
    /// Participants randomised per arm.
    public let randomised: [Int]
    /// The timepoint whose outcome values are shown.
    public let timepoint: String?
    /// The rows: attributes first (file order), then outcomes (trial order).
    public let rows: [Row]

    /// The table of `trial` for `arms` (default every arm in sorted order), with outcomes at `timepoint`
    /// (none when `nil`, as for conditions in a within-subject design).
    public init(trial: Trial, arms: [String]? = nil, timepoint: String?) {
        let selected = (arms ?? trial.arms.map(\.name).sorted { $0.precedesByCodePoint($1) }).compactMap { trial.arm(named: $0) }
        self.arms = selected.map(\.name)
        randomised = selected.map(\.participants.count)
        self.timepoint = timepoint
        var rows: [Row] = []
        for attribute in trial.participantAttributeNames {
            let values = selected.map { arm in arm.participants.compactMap { $0.attributes[attribute] ?? nil }.filter { !$0.isEmpty } }
            rows += Self.rows(attribute, values: values)
        }
        if let timepoint {
            for outcome in trial.outcomes {
                let values = selected.map { $0.observedValues(of: outcome, at: timepoint) }
                rows.append(Row(characteristic: outcome, isOutcome: true, level: nil, summary: .meanSD,
                                cells: values.map { Self.meanSD($0) }, recordedDecimals: trial.recordedDecimals(of: outcome)))
            }
        }
        self.rows = rows
    }

    private static func rows(_ attribute: String, values: [[String]]) -> [Row] {
        let all = values.flatMap { $0 }
        let numbers = all.compactMap { Double($0) }
        let levels = all.uniqueInOrder()
        let isWhole = numbers.allSatisfy { $0 == $0.rounded() }
        let isShortScale = isWhole && levels.count <= maximumLevels
            && (numbers.max() ?? 0) - (numbers.min() ?? 0) < Double(maximumLevels)
        if numbers.count < all.count || all.isEmpty || isShortScale {
            let ordered = numbers.count == all.count
                ? levels.sorted { Double($0)! < Double($1)! } : levels.sorted { $0.precedesByCodePoint($1) }
            return ordered.map { level in
                Row(characteristic: attribute, isOutcome: false, level: level, summary: .count,
                    cells: values.map { Cell(known: $0.count, centre: nil, spread: nil, upper: nil, count: $0.filter { $0 == level }.count) })
            }
        }
        let perArm = values.map { $0.compactMap(Double.init) }
        let recorded = numbers.map { recordedDecimals($0) }.max()
        if let skewness = skewness(numbers), abs(skewness) > skewnessThreshold {
            return [Row(characteristic: attribute, isOutcome: false, level: nil, summary: .medianIQR, cells: perArm.map { arm in
                let d = try? Descriptives(arm, missing: 0)
                return Cell(known: arm.count, centre: d?.median, spread: d?.firstQuartile, upper: d?.thirdQuartile, count: nil)
            }, recordedDecimals: recorded)]
        }
        return [Row(characteristic: attribute, isOutcome: false, level: nil, summary: .meanSD, cells: perArm.map { meanSD($0) },
                    recordedDecimals: recorded)]
    }

    private static func meanSD(_ values: [Double]) -> Cell {
        let d = try? Descriptives(values, missing: 0)
        return Cell(known: values.count, centre: d?.mean, spread: d?.standardDeviation, upper: nil, count: nil)
    }

    /// The sample skewness g1 = m3 / m2^(3/2) (moments about the mean), `nil` for fewer than 3 values or
    /// no spread.
    public static func skewness(_ values: [Double]) -> Double? {
        guard values.count >= 3 else { return nil }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let m2 = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let m3 = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) * ($1 - mean) } / n
        guard m2 > 0 else { return nil }
        return m3 / (m2 * m2.squareRoot())
    }
}
