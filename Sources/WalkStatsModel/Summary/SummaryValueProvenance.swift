/// Which of the two median-based reporting formats a mean or SD was estimated from.
public enum MedianScenario: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Median with first and third quartiles (Wan et al. 2014's scenario S3: {q1, m, q3}).
    case interquartileRange = "median_iqr"
    /// Median with minimum and maximum (Wan et al. 2014's scenario S1: {a, m, b}).
    case range = "median_range"
}

/// Where a mean or standard deviation in an ``ArmSummary`` comes from: printed as such, or converted
/// or estimated from other printed numbers, and by which method. Reports should show every value that
/// is not ``reported``.
public enum SummaryValueProvenance: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Printed in the source as a mean or SD.
    case reported
    /// SD = SE · √n from a printed standard error of the mean.
    case fromStandardError
    /// SD = √n · (upper − lower) / (2 · t_{n−1, (1 + level)/2}) from a printed confidence interval of the
    /// mean with this level (Cochrane Handbook 6.5.2.2).
    case fromConfidenceInterval(level: Double)
    /// SD estimated from the median and IQR or range by Wan et al. (2014).
    case estimatedWan2014(MedianScenario)
    /// Mean estimated from the median and IQR or range by Luo et al. (2018).
    case estimatedLuo2018(MedianScenario)
    /// A mean change: the follow-up mean minus the baseline mean.
    case changeFromBaseline
    /// A change-score SD imputed from baseline and follow-up SDs with this assumed correlation
    /// (Cochrane Handbook 6.5.2.8).
    case imputedFromCorrelation(Double)

    /// Whether the value was printed as such (nothing converted or estimated).
    public var isReported: Bool { self == .reported }

    /// A short label for reports, such as `from SE × √n` or `estimated (Wan 2014, median/IQR)`.
    public var description: String {
        switch self {
        case .reported: return "reported"
        case .fromStandardError: return "from SE × √n"
        case let .fromConfidenceInterval(level): return "from \(percent(level)) CI of the mean (t quantile)"
        case let .estimatedWan2014(scenario): return "estimated (Wan 2014, \(scenario.label))"
        case let .estimatedLuo2018(scenario): return "estimated (Luo 2018, \(scenario.label))"
        case .changeFromBaseline: return "follow-up minus baseline"
        case let .imputedFromCorrelation(rho): return "imputed change SD (ρ = \(rho))"
        }
    }

    private func percent(_ level: Double) -> String {
        let value = level * 100
        return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }
}

extension MedianScenario {
    /// `median/IQR` or `median/range`.
    public var label: String {
        switch self {
        case .interquartileRange: return "median/IQR"
        case .range: return "median/range"
        }
    }
}
