/// The values of one covariate, one per participant, aligned with the outcome values.
public enum CovariateValues: Sendable, Equatable {
    /// A number entered as is (a slope in the model), such as age or an ordinal grade used as a number.
    case numeric([Double])
    /// Category labels, entered with R's treatment coding: levels sorted as R's `factor()` sorts them,
    /// the first level the reference, one indicator column per other level.
    case categorical([String])

    /// The number of values.
    public var count: Int {
        switch self {
        case let .numeric(values): return values.count
        case let .categorical(values): return values.count
        }
    }
}

/// A named adjustment variable for ``ancova(followUp:baseline:arm:reference:comparedArms:covariates:confidenceLevel:)``.
public struct Covariate: Sendable, Equatable {
    /// The name used in the model formula and in messages, such as `age`.
    public let name: String
    /// One value per participant.
    public let values: CovariateValues

    /// Creates a covariate.
    public init(name: String, values: CovariateValues) {
        self.name = name
        self.values = values
    }
}
