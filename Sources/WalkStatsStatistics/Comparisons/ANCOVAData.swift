import WalkStatsModel

/// The participants of two arms that an ANCOVA can use: measured at baseline and follow-up, with every
/// requested covariate known, in arm order (A first).
struct ANCOVAData {
    private(set) var followUp: [Double] = []
    private(set) var baseline: [Double] = []
    private(set) var isArmA: [Bool] = []
    private var covariateValues: [[String]] = []
    let covariates: [String]

    init(arms: (Arm, Arm), outcome: String, from: String, to: String, covariates: [String]) {
        self.covariates = covariates
        for (arm, isA) in [(arms.0, true), (arms.1, false)] {
            for participant in arm.participants {
                guard let before = participant.value(of: outcome, at: from),
                      let after = participant.value(of: outcome, at: to) else { continue }
                let values = covariates.compactMap { participant.attributes[$0] ?? nil }
                guard values.count == covariates.count else { continue }
                followUp.append(after)
                baseline.append(before)
                isArmA.append(isA)
                covariateValues.append(values)
            }
        }
    }

    /// Each covariate as numbers when every analysed value is a finite number, otherwise as categories.
    func covariateColumns() throws -> [Covariate] {
        covariates.enumerated().map { index, name in
            let column = covariateValues.map { $0[index] }
            let numbers = column.compactMap(Double.init)
            return Covariate(name: name, values: numbers.count == column.count && numbers.allSatisfy(\.isFinite)
                ? .numeric(numbers) : .categorical(column))
        }
    }
}
