/// Why a statistic could not be computed from the data it was given.
public enum StatisticsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer observations than the statistic needs (`what` names them, such as "pairs").
    case insufficientObservations(what: String, needed: Int, got: Int)
    /// The data are constant (or nearly so, by R's rule), so the standard error is zero.
    case zeroVariance(what: String)
    /// The confidence level is not strictly between 0 and 1.
    case invalidConfidenceLevel(Double)
    /// An input value is NaN or infinite.
    case nonFiniteInput(what: String)
    /// A name (outcome, arm, timepoint) that the data do not contain.
    case unknownName(kind: String, name: String, available: [String])
    /// A request that cannot be answered as asked, with the reason.
    case invalidRequest(String)

    public var description: String {
        switch self {
        case let .insufficientObservations(what, needed, got):
            return "needs at least \(needed) \(needed == 1 ? Self.singular(what) : what), found \(got)"
        case let .zeroVariance(what):
            return "\(what) are constant (zero variance), so the test statistic is undefined"
        case let .invalidConfidenceLevel(level):
            return "confidence level must lie strictly between 0 and 1, got \(level)"
        case let .nonFiniteInput(what):
            return "\(what) contain a NaN or infinite value"
        case let .unknownName(kind, name, available):
            return "no \(kind) '\(name)' in the data; available: \(available.joined(separator: ", "))"
        case let .invalidRequest(reason):
            return reason
        }
    }

    /// `what` with its counted noun in the singular ("non-zero differences" → "non-zero difference", "values in
    /// the first sample" → "value in the first sample"): the first word ending in "s" that names what is
    /// counted.
    static func singular(_ what: String) -> String {
        let plurals = ["pairs", "values", "participants", "differences", "groups", "studies", "arms", "observations", "sequences"]
        var words = what.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let index = words.firstIndex(where: { plurals.contains($0) }) else { return what }
        words[index] = words[index] == "studies" ? "study" : String(words[index].dropLast())
        return words.joined(separator: " ")
    }
}
