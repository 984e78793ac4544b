import WalkStats

/// An analysis request error restated in terms of the flags that made the request.
struct FlagRequestError: Error, CustomStringConvertible {
    let description: String

    /// The message for `error`, naming the flag a user changes to fix it.
    init(_ error: AnalysisRequestError) {
        switch error {
        case let .unknownName(.covariate, name, available):
            description = "no participant attribute for --covariates '\(name)' in the data; available: \(available.joined(separator: ", "))"
        case let .sameTimepoints(timepoint):
            description = "--from and --to must differ (both are '\(timepoint)')"
        case let .tooManyArms(available, allowed) where allowed == 2:
            description = "the data have \(available.count) arms (\(available.joined(separator: ", "))); choose two with --arms A,B"
        case .invalidArmSelection(_, allowed: 2):
            description = "--arms takes two different arm names separated by a comma, such as backward,forward"
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
