/// One group's numbers exactly as a paper printed them: one row of a summary file, before any
/// conversion. WalkStatsStatistics turns it into an ``ArmSummary`` (mean and SD, each flagged with its
/// ``SummaryValueProvenance``).
public struct ReportedSummary: Sendable, Equatable, Hashable {
    /// The study id, such as `chen2021`.
    public let study: String
    /// The arm (or, in a within-subject study, the condition), such as `conventional`.
    public let arm: String
    /// The timepoint, such as `week4`.
    public let timepoint: String
    /// The outcome id, such as `pain_nrs`.
    public let outcome: String
    /// The number of participants the numbers describe.
    public let n: Int
    /// The printed mean, or `nil` when the paper printed only a median (the mean is then estimated).
    public let mean: Double?
    /// The printed spread: SD, SE, CI of the mean, or median with IQR or range.
    public let spread: ReportedSpread
    /// The unit, such as `NRS 0-10`, when given.
    public let unit: String?
    /// Where the numbers were printed (table, abstract, URL), when given.
    public let source: String?
    /// The 1-based line of the summary file the row starts on, for messages (`nil` when built in code).
    public let line: Int?
    /// The mean and SD exactly as written in the file (`"2.50"` keeps its trailing zero), for the
    /// consistency checks that depend on the printed decimals (GRIM, GRIMMER); `nil` when not printed.
    public let printedMean: String?
    /// See ``printedMean``.
    public let printedStandardDeviation: String?

    /// Creates a row. Use ``problems(scaleRange:)`` to check it.
    public init(study: String, arm: String, timepoint: String, outcome: String, n: Int, mean: Double?,
                spread: ReportedSpread, unit: String? = nil, source: String? = nil, line: Int? = nil,
                printedMean: String? = nil, printedStandardDeviation: String? = nil) {
        self.printedMean = printedMean
        self.printedStandardDeviation = printedStandardDeviation
        self.study = study
        self.arm = arm
        self.timepoint = timepoint
        self.outcome = outcome
        self.n = n
        self.mean = mean
        self.spread = spread
        self.unit = unit
        self.source = source
        self.line = line
    }

    /// The row's key: study, arm, timepoint and outcome.
    public var key: SummaryKey { SummaryKey(study: study, arm: arm, timepoint: timepoint, outcome: outcome) }

    /// A short name for messages, such as `chen2021 / conventional / week4 / pain_nrs`.
    public var label: String { key.description }

    /// Everything wrong with the row's numbers, in column order (empty when it is usable):
    ///
    /// - n < 2 (an SD needs two values; the conversions need n − 1 ≥ 1);
    /// - a value that is NaN or infinite;
    /// - no mean when the spread is an SD, SE or CI (only median rows may leave the mean out);
    /// - a negative SD or SE; a CI with lower > upper;
    /// - q1 > q3 or min > max, or a median outside q1…q3 or min…max;
    /// - with `scaleRange` (the outcome's possible values, say 0…10 for a pain NRS), a mean, median,
    ///   quartile, minimum or maximum outside it. CI bounds are not checked against it: a t-based
    ///   interval of a mean near a floor can legitimately cross it.
    public func problems(scaleRange: ClosedRange<Double>? = nil) -> [SummaryProblem] {
        var problems: [SummaryProblem] = []
        if n < 2 {
            problems.append(SummaryProblem(field: "n", message:
                "expected n ≥ 2 in column 'n' (a standard deviation needs at least two values), found \(n)"))
        }
        if let mean, !mean.isFinite {
            problems.append(SummaryProblem(field: "mean", message: "expected a finite mean in column 'mean', found \(mean)"))
        }
        let values = spreadValues
        for (field, value) in values where !value.isFinite {
            problems.append(SummaryProblem(field: field, message: "expected a finite number in column '\(field)', found \(value)"))
        }
        guard values.allSatisfy({ $0.value.isFinite }) else { return problems }

        switch spread {
        case let .standardDeviation(sd):
            requireMean(&problems, spreadColumn: "sd")
            if sd < 0 { problems.append(SummaryProblem(field: "sd", message: "expected a standard deviation ≥ 0 in column 'sd', found \(format(sd))")) }
        case let .standardError(se):
            requireMean(&problems, spreadColumn: "se")
            if se < 0 { problems.append(SummaryProblem(field: "se", message: "expected a standard error ≥ 0 in column 'se', found \(format(se))")) }
        case let .confidenceInterval(lower, upper):
            requireMean(&problems, spreadColumn: "ci_low/ci_high")
            if lower > upper {
                problems.append(SummaryProblem(field: "ci_low", message:
                    "expected ci_low ≤ ci_high, found ci_low = \(format(lower)) > ci_high = \(format(upper))"))
            } else if let mean, mean.isFinite, !(lower...upper).contains(mean) {
                problems.append(SummaryProblem(field: "mean", message:
                    "expected the mean inside its confidence interval \(format(lower))…\(format(upper)), found \(format(mean))"))
            }
        case let .medianInterquartileRange(median, q1, q3):
            if q1 > q3 {
                problems.append(SummaryProblem(field: "q1", message: "expected q1 ≤ q3, found q1 = \(format(q1)) > q3 = \(format(q3))"))
            } else if !(q1...q3).contains(median) {
                problems.append(SummaryProblem(field: "median", message:
                    "expected the median between q1 and q3 (\(format(q1))…\(format(q3))), found \(format(median))"))
            }
        case let .medianRange(median, minimum, maximum):
            if minimum > maximum {
                problems.append(SummaryProblem(field: "min", message:
                    "expected min ≤ max, found min = \(format(minimum)) > max = \(format(maximum))"))
            } else if !(minimum...maximum).contains(median) {
                problems.append(SummaryProblem(field: "median", message:
                    "expected the median between min and max (\(format(minimum))…\(format(maximum))), found \(format(median))"))
            }
        }

        if let scaleRange {
            var located: [(String, Double)] = []
            if let mean, mean.isFinite { located.append(("mean", mean)) }
            switch spread {
            case let .medianInterquartileRange(median, q1, q3): located += [("median", median), ("q1", q1), ("q3", q3)]
            case let .medianRange(median, minimum, maximum): located += [("median", median), ("min", minimum), ("max", maximum)]
            default: break
            }
            let bounds = "\(format(scaleRange.lowerBound))…\(format(scaleRange.upperBound))"
            for (field, value) in located where !scaleRange.contains(value) {
                problems.append(SummaryProblem(field: field, message:
                    "expected \(field) within the scale range \(bounds) of '\(outcome)', found \(format(value))"))
            }
        }
        return problems
    }

    /// The spread's numbers by column name.
    private var spreadValues: [(field: String, value: Double)] {
        switch spread {
        case let .standardDeviation(sd): return [("sd", sd)]
        case let .standardError(se): return [("se", se)]
        case let .confidenceInterval(lower, upper): return [("ci_low", lower), ("ci_high", upper)]
        case let .medianInterquartileRange(median, q1, q3): return [("median", median), ("q1", q1), ("q3", q3)]
        case let .medianRange(median, minimum, maximum): return [("median", median), ("min", minimum), ("max", maximum)]
        }
    }

    private func requireMean(_ problems: inout [SummaryProblem], spreadColumn: String) {
        if mean == nil {
            problems.append(SummaryProblem(field: "mean", message:
                "expected a mean in column 'mean' (the SD comes from '\(spreadColumn)', so the mean must be printed; "
                    + "only median rows may leave it empty)"))
        }
    }
}

/// One problem with a ``ReportedSummary``: the summary-file column it concerns and what was expected.
public struct SummaryProblem: Sendable, Equatable, Hashable {
    /// The column name, such as `sd` or `median`.
    public let field: String
    /// What was expected and what was found.
    public let message: String

    /// Creates a problem.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Formats a number for messages without trailing `.0` on whole numbers.
func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
}
