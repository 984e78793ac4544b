import WalkStatsModel

/// The participants of two arms that an ANCOVA can use: measured at baseline and follow-up, with every
/// requested covariate known, in arm order (A first). Arms are labelled "A" and "B" (the reference), so
/// the ANCOVA's messages read as they always have.
struct ANCOVAData {
    /// The label of the reference arm (the second arm, B).
    static let reference = "B"
    private(set) var followUp: [Double] = []
    private(set) var baseline: [Double] = []
    private(set) var arm: [String] = []
    private var covariateValues: [[String]] = []
    let covariates: [String]

    init(arms: (Arm, Arm), outcome: String, from: String, to: String, covariates: [String]) {
        self.covariates = covariates
        for (group, label) in [(arms.0, "A"), (arms.1, Self.reference)] {
            for participant in group.participants {
                guard let before = participant.value(of: outcome, at: from),
                      let after = participant.value(of: outcome, at: to) else { continue }
                let values = covariates.compactMap { participant.attributes[$0] ?? nil }
                guard values.count == covariates.count else { continue }
                followUp.append(after)
                baseline.append(before)
                arm.append(label)
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
