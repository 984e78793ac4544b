/// The order of a trial's visits, read from their names — never from the order of rows, so a file sorted
/// alphabetically (`baseline, week12, week3, week6`) is still analysed from baseline to week 12.
///
/// Rules, in order:
/// - a baseline-like name comes first: `baseline`, `pre`, `screening`, `t0`, `week0`, `day0`, `month0`;
/// - days, weeks, months and years become days: `day3`, `d3`, `week6`, `wk12`, `w6`, `month3`, `m3`,
///   `6m`, `6 months`, `year1`, `y1`, `12wk` (a month is 365.25 / 12 days, a year 365.25 days);
/// - names that share a prefix with a bare number (`t1`, `visit2`, `v3`) sort by the number;
/// - `mid` (`midpoint`, `interim`), `post`, `followup` / `follow-up`, `end` come after every numbered visit, in
///   that order (so `pre, mid, post` reads as written);
/// - names of different families (weeks beside `visit2`), or a name that is none of these beside names
///   that are, cannot be ordered safely: the caller must give the order.
/// When no name is a visit at all (conditions such as `forward`, `backward`), the order of first
/// appearance is kept and the reason says so.
public enum VisitOrder {
    /// How an order was decided, in words for a report.
    public struct Decision: Sendable, Equatable {
        /// The timepoints in order.
        public let order: [String]
        /// Why this order, e.g. "read from the names as days (baseline 0, week3 21, week12 84)".
        public let reason: String
    }

    /// Why the names cannot be ordered without help.
    public struct Ambiguity: Error, Sendable, Equatable, CustomStringConvertible {
        /// The names.
        public let names: [String]
        /// What is mixed.
        public let detail: String

        public var description: String {
            "cannot tell the order of the timepoints \(names.joined(separator: ", ")) from their names (\(detail)); "
                + "give it with --timepoints or the sidecar's \"timepoints\""
        }
    }

    /// One name read as a visit.
    enum Reading: Equatable {
        case baseline
        case days(Double)
        case numbered(prefix: String, Double)
        case after(Int)
    }

    static let baselineNames: Set<String> = ["baseline", "pre", "screening", "t0", "week0", "day0", "month0", "wk0", "bl"]
    static let afterNames = ["mid": -1, "midpoint": -1, "interim": -1, "post": 0, "posttest": 0, "followup": 1, "follow_up": 1,
                             "fu": 1, "end": 2, "final": 2]
    static let units: [(names: [String], days: Double)] = [
        (["day", "days", "d"], 1), (["week", "weeks", "wk", "wks", "w"], 7),
        (["month", "months", "mo", "m"], 365.25 / 12), (["year", "years", "yr", "y"], 365.25),
    ]

    /// The order of `names` (in order of first appearance) and why.
    /// - Throws: ``Ambiguity`` when the names mix families or include names that are not visits.
    public static func decide(_ names: [String]) throws -> Decision {
        let readings = names.map(read)
        let known = readings.compactMap { $0 }
        guard !known.isEmpty, !(known.allSatisfy { $0 == .baseline } && known.count < names.count) else {
            return Decision(order: names, reason: "in the order the file first names them (the names are not visits)")
        }
        if known.count < names.count {
            let odd = zip(names, readings).filter { $0.1 == nil }.map(\.0)
            throw Ambiguity(names: names, detail: "\(odd.joined(separator: ", ")) \(odd.count == 1 ? "is" : "are") not a visit name")
        }
        let prefixes = Set(known.compactMap { reading -> String? in
            if case let .numbered(prefix, _) = reading { return prefix }
            return nil
        })
        let hasDays = known.contains { if case .days = $0 { return true } else { return false } }
        if prefixes.count > 1 || (hasDays && !prefixes.isEmpty) {
            throw Ambiguity(names: names, detail: "they mix " + (hasDays ? ["durations"] : []).joined()
                + (hasDays ? " and " : "") + prefixes.sorted().map { "'\($0)N'" }.joined(separator: " and ") + " visits")
        }
        func key(_ reading: Reading) -> (Int, Double) {
            switch reading {
            case .baseline: return (0, 0)
            case let .days(days): return (1, days)
            case let .numbered(_, number): return (1, number)
            case let .after(rank): return (2, Double(rank))
            }
        }
        let order = zip(names, readings.map { $0! }).enumerated()
            .sorted { a, b in
                let (x, y) = (key(a.element.1), key(b.element.1))
                return x != y ? (x.0, x.1) < (y.0, y.1) : a.offset < b.offset
            }
            .map(\.element)
        let described = order.map { name, reading -> String in
            switch reading {
            case .baseline: return "\(name) first"
            case let .days(days): return "\(name) day \(days == days.rounded() ? String(Int(days)) : String(days))"
            case let .numbered(_, number): return "\(name) \(number == number.rounded() ? String(Int(number)) : String(number))"
            case let .after(rank): return rank < 0 ? "\(name) between" : "\(name) after"
            }
        }
        let how = hasDays ? "as days" : (prefixes.isEmpty ? "by name" : "by their numbers")
        return Decision(order: order.map(\.0), reason: "read from the names \(how) (\(described.joined(separator: ", ")))")
    }

    /// `name` read as a visit, or `nil`.
    static func read(_ name: String) -> Reading? {
        let lowered = String(name.lowercased().compactMap { $0 == "-" ? "_" : ($0 == " " ? nil : $0) })
        if baselineNames.contains(lowered) { return .baseline }
        if let rank = afterNames[lowered] { return .after(rank) }
        // Split into letters and one number, number first or last: week6, wk_12, 6m, 12weeks, month3.
        let compact = lowered.filter { $0 != "_" }
        let letters = compact.filter { $0.isLetter }
        let digits = compact.filter { $0.isNumber || $0 == "." }
        guard !digits.isEmpty, let number = Double(digits), letters.count + digits.count == compact.count else { return nil }
        let numberFirst = compact.first?.isNumber == true
        guard numberFirst ? compact.hasPrefix(digits) : compact.hasSuffix(digits) else { return nil }
        if let unit = units.first(where: { $0.names.contains(letters) }) {
            if number == 0 { return .baseline }
            return .days(number * unit.days)
        }
        guard !numberFirst, !letters.isEmpty else { return nil }
        if letters == "t" || letters == "visit" || letters == "v" || letters == "time" || letters == "session" {
            return number == 0 && letters == "t" ? .baseline : .numbered(prefix: letters, number)
        }
        return .numbered(prefix: letters, number)
    }
}
