import WalkStats

/// An analysis request error restated in terms of the flags that made the request.
struct FlagRequestError: Error, CustomStringConvertible {
    let description: String

    /// An error with `description` as its message.
    init(description: String) { self.description = description }

    /// The message for `error`, naming the flag a user changes to fix it.
    init(_ error: AnalysisRequestError) {
        switch error {
        case let .unknownName(.covariate, name, available):
            description = "no participant attribute for --covariates '\(name)' in the data; available: \(available.joined(separator: ", "))"
        case let .sameTimepoints(timepoint):
            description = "--from and --to must differ (both are '\(timepoint)')"
        case let .reversedTimepoints(from, to, order):
            description = "--from '\(from)' comes after --to '\(to)' in the timepoint order (\(order.joined(separator: ", "))); a change "
                + "runs from an earlier to a later timepoint: swap them, or give --timepoints to set the order"
        case let .unknownModel(name, available):
            description = "--models: no model '\(name)'; choose from \(available.joined(separator: ", ")) or none"
        case .invalidArmSelection:
            description = "--arms takes different arm names separated by commas, such as backward,forward,usual_care"
        case let .referenceNotAnalysed(reference, arms):
            description = "--reference '\(reference)' is not among the arms analysed (\(arms.joined(separator: ", "))); add it to --arms"
        case let .thresholdsNeedParallelDesign(design):
            description = "--mcid applies to a parallel trial (responders by change from baseline in each arm); this design is \(design.rawValue)"
        case let .unknownThresholdOutcome(name, available):
            description = "--mcid names '\(name)', which is not an outcome of the data; available: \(available.joined(separator: ", "))"
        default:
            description = error.description
        }
    }

    /// Runs `body`, restating an ``AnalysisRequestError`` in terms of flags.
    static func mapping<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as AnalysisRequestError {
            throw FlagRequestError(error)
        }
    }
}
