import WalkStatsModel
import WalkStatsStatistics

/// The participants of some arms that an ANCOVA can use: measured at baseline and follow-up, with every
/// requested covariate known, arm by arm in the order given.
public struct ANCOVAData: Sendable {
    /// Follow-up values.
    public private(set) var followUp: [Double] = []
    /// Baseline values, aligned.
    public private(set) var baseline: [Double] = []
    /// Each participant's arm, aligned.
    public private(set) var arm: [String] = []
    private var covariateValues: [[String]] = []
    /// The covariate names.
    public let covariates: [String]

    /// Collects the complete cases of `arms` for `outcome` between `from` and `to`.
    init(arms: [Arm], outcome: String, from: String, to: String, covariates: [String]) {
        self.covariates = covariates
        for group in arms {
            for participant in group.participants {
                guard let before = participant.value(of: outcome, at: from),
                      let after = participant.value(of: outcome, at: to) else { continue }
                let values = covariates.compactMap { participant.attributes[$0] ?? nil }
                guard values.count == covariates.count else { continue }
                followUp.append(after)
                baseline.append(before)
                arm.append(group.name)
                covariateValues.append(values)
            }
        }
    }

    /// Each covariate as numbers when every analysed value is a finite number, otherwise as categories.
    func covariateColumns() -> [Covariate] {
        covariates.enumerated().map { index, name in
            let column = covariateValues.map { $0[index] }
            let numbers = column.compactMap(Double.init)
            return Covariate(name: name, values: numbers.count == column.count && numbers.allSatisfy(\.isFinite)
                ? .numeric(numbers) : .categorical(column))
        }
    }

    /// The ANCOVA of `armName` against the `reference` arm (the difference arm − reference), fitted on
    /// every arm collected here as one factor (R's `lm(follow_up ~ baseline + arm)`).
    func fit(comparing armName: String, with reference: String, confidenceLevel: Double) throws -> HypothesisTestResult {
        let fit = try ancova(followUp: followUp, baseline: baseline, arm: arm, reference: reference, comparedArms: [armName],
                             covariates: covariateColumns(), confidenceLevel: confidenceLevel)
        return fit.effects[0]
    }

    /// The F test of the arm factor over `arms` (every arm collected here; R `car::Anova(fit, type = 2)`),
    /// its sample sizes in the order of `arms`.
    func armTest(arms: [String], reference: String) throws -> HypothesisTestResult {
        let test = try ancovaArmTest(followUp: followUp, baseline: baseline, arm: arm, reference: reference,
                                     covariates: covariateColumns())
        return HypothesisTestResult(name: test.name, method: test.method, statistic: test.statistic,
                                    degreesOfFreedom: test.degreesOfFreedom,
                                    denominatorDegreesOfFreedom: test.denominatorDegreesOfFreedom, pValue: test.pValue,
                                    estimate: test.estimate, standardError: test.standardError,
                                    confidenceInterval: test.confidenceInterval,
                                    sampleSizes: arms.map { name in arm.filter { $0 == name }.count })
    }

    /// Every pairwise difference of adjusted means over the arms collected here (`levels`, the reference
    /// first), Tukey-adjusted.
    func pairwiseContrasts(levels: [String], confidenceLevel: Double) throws -> [TukeyHSDComparison] {
        try ancovaPairwiseContrasts(followUp: followUp, baseline: baseline, arm: arm, levels: levels,
                                    covariates: covariateColumns(), confidenceLevel: confidenceLevel)
    }
}
