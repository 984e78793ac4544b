import Foundation

/// A p-value as a paper printed it: a relation and a printed number, such as `p < 0.05` or
/// `p = 0.008`.
public struct ReportedPValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// How the printed number relates to the p-value.
    public enum Relation: String, Sendable, Equatable, Hashable, CaseIterable {
        /// `p = 0.01`: the p-value rounds to the printed number.
        case equal = "="
        /// `p < 0.05`.
        case lessThan = "<"
        /// `p ≤ 0.05`.
        case lessThanOrEqual = "≤"
        /// `p > 0.05`.
        case greaterThan = ">"
        /// `p ≥ 0.05`.
        case greaterThanOrEqual = "≥"
    }

    /// The relation.
    public let relation: Relation
    /// The printed number, with its decimals (which matter for `=`).
    public let value: ReportedDecimal

    /// Creates a printed p-value.
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` when the value is outside 0…1.
    public init(_ relation: Relation, _ value: ReportedDecimal) throws {
        guard value.value >= 0, value.value <= 1 else {
            throw StatisticsError.invalidRequest("a p-value lies between 0 and 1, got \(value)")
        }
        self.relation = relation
        self.value = value
    }

    /// Reads `p < 0.05`, `P<.01`, `p = 0.008`, `p <= 0.05`, `p ≥ .1` or a bare `0.03` (meaning `=`).
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` for anything else.
    public init(parsing text: String) throws {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if let first = rest.first, first == "p" || first == "P" { rest = rest.dropFirst().drop(while: \.isWhitespace) }
        let spellings: [(String, Relation)] = [("<=", .lessThanOrEqual), (">=", .greaterThanOrEqual), ("≤", .lessThanOrEqual),
                                               ("≥", .greaterThanOrEqual), ("<", .lessThan), (">", .greaterThan), ("=", .equal)]
        var relation = Relation.equal
        for (spelling, meaning) in spellings where rest.hasPrefix(spelling) {
            relation = meaning
            rest = rest.dropFirst(spelling.count)
            break
        }
        let number = String(rest).trimmingCharacters(in: .whitespaces)
        guard let value = try? ReportedDecimal(number), !number.hasPrefix("-") else {
            throw StatisticsError.invalidRequest("expected a p-value such as 'p < 0.05' or 'p = 0.01', found '\(text)'")
        }
        try self.init(relation, value)
    }

    /// `p < 0.05`.
    public var description: String { "p \(relation.rawValue) \(value)" }

    /// Whether some p-value in `range` satisfies the printed claim (for `=`: rounds to the printed
    /// number, up or down from 5).
    public func isAttainable(within range: ClosedRange<Double>) -> Bool {
        isAttainable(lowestP: range.lowerBound, highestP: range.upperBound)
    }

    /// The claim's constraint on the lowest achievable p: it must be below (or at) this.
    func admitsLowest(_ p: Double) -> Bool {
        let c = value.value
        switch relation {
        case .lessThan: return p < c
        case .lessThanOrEqual: return p <= c
        case .equal: return p <= c + value.halfUnit
        case .greaterThan, .greaterThanOrEqual: return true
        }
    }

    /// The claim's constraint on the highest achievable p.
    func admitsHighest(_ p: Double) -> Bool {
        let c = value.value
        switch relation {
        case .greaterThan: return p > c
        case .greaterThanOrEqual: return p >= c
        case .equal: return p >= c - value.halfUnit
        case .lessThan, .lessThanOrEqual: return true
        }
    }

    /// The bound the lowest p is compared with (nil when the claim has no upper side).
    public var upperTarget: Double? {
        switch relation {
        case .lessThan, .lessThanOrEqual: return value.value
        case .equal: return value.value + value.halfUnit
        case .greaterThan, .greaterThanOrEqual: return nil
        }
    }

    /// The bound the highest p is compared with (nil when the claim has no lower side).
    var lowerTarget: Double? {
        switch relation {
        case .greaterThan, .greaterThanOrEqual: return value.value
        case .equal: return max(0, value.value - value.halfUnit)
        case .lessThan, .lessThanOrEqual: return nil
        }
    }

    func isAttainable(lowestP: Double, highestP: Double) -> Bool {
        admitsLowest(lowestP) && admitsHighest(highestP)
    }
}
