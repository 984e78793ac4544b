import Foundation
import WalkStatsModel

/// How the value columns of a wide sheet are named: `{outcome}` and `{timepoint}` joined by a separator,
/// in either order, such as `{outcome}_{timepoint}` (the default, `pain_pre`), `{timepoint}.{outcome}`
/// (`pre.pain`) or `{outcome}-{timepoint}`.
public struct WidePattern: Sendable, Equatable, CustomStringConvertible {
    /// The text between the two parts; never empty.
    public let separator: String
    /// Whether the outcome comes first.
    public let outcomeFirst: Bool

    /// `{outcome}_{timepoint}`.
    public static let standard = WidePattern(separator: "_", outcomeFirst: true)

    /// A pattern with `separator` between the parts.
    public init(separator: String, outcomeFirst: Bool) {
        self.separator = separator
        self.outcomeFirst = outcomeFirst
    }

    /// Reads a pattern such as `{timepoint}.{outcome}`: exactly one `{outcome}` and one `{timepoint}`,
    /// nothing before or after them, and a non-empty separator between them that contains no brace.
    /// Returns `nil` for anything else.
    public init?(_ text: String) {
        let outcome = "{outcome}", timepoint = "{timepoint}"
        guard text.components(separatedBy: outcome).count == 2, text.components(separatedBy: timepoint).count == 2 else { return nil }
        let (first, second, outcomeFirst) = text.hasPrefix(outcome) ? (outcome, timepoint, true) : (timepoint, outcome, false)
        guard text.hasPrefix(first), text.hasSuffix(second) else { return nil }
        let separator = String(text.dropFirst(first.count).dropLast(second.count))
        guard !separator.isEmpty, !separator.contains("{"), !separator.contains("}") else { return nil }
        self.init(separator: separator, outcomeFirst: outcomeFirst)
    }

    public var description: String {
        outcomeFirst ? "{outcome}\(separator){timepoint}" : "{timepoint}\(separator){outcome}"
    }

    /// The name of the column holding `outcome` at `timepoint`.
    public func columnName(outcome: String, timepoint: String) -> String {
        outcomeFirst ? outcome + separator + timepoint : timepoint + separator + outcome
    }

    /// The reading that gives the timepoint no separator: the name split at its last separator when the
    /// outcome comes first, at its first when the timepoint does (outcome ids such as `pain_nrs` often hold
    /// the separator; timepoints rarely do). `nil` when the name has no separator with text on both sides.
    func structuralReading(_ name: String) -> WideReading? {
        let range = outcomeFirst ? name.range(of: separator, options: .backwards) : name.range(of: separator)
        guard let range else { return nil }
        let before = String(name[..<range.lowerBound]), after = String(name[range.upperBound...])
        guard !before.isEmpty, !after.isEmpty else { return nil }
        return outcomeFirst ? WideReading(outcome: before, timepoint: after) : WideReading(outcome: after, timepoint: before)
    }

    /// The reading with the longest id of `knownOutcomes` as its outcome, if any fits with a non-empty timepoint.
    func knownReading(_ name: String, knownOutcomes: [String]) -> WideReading? {
        knownOutcomes.sorted { $0.count > $1.count }.lazy.compactMap { outcome -> WideReading? in
            let part = outcomeFirst ? outcome + separator : separator + outcome
            guard name.count > part.count, outcomeFirst ? name.hasPrefix(part) : name.hasSuffix(part) else { return nil }
            let timepoint = outcomeFirst ? String(name.dropFirst(part.count)) : String(name.dropLast(part.count))
            return WideReading(outcome: outcome, timepoint: timepoint)
        }.first
    }
}

/// One way to read a wide column name.
struct WideReading: Hashable {
    let outcome: String
    let timepoint: String
}

/// Which columns of a wide sheet hold what: the participant and arm columns, one value column per outcome ×
/// timepoint, and the other columns (participant attributes such as `age` or `sex`). Column indices are
/// 0-based positions in the wide header.
public struct WidePlan: Sendable, Equatable {
    /// A column holding one outcome at one timepoint.
    public struct ValueColumn: Sendable, Equatable {
        public let column: Int
        public let outcome: String
        public let timepoint: String

        public init(column: Int, outcome: String, timepoint: String) {
            self.column = column
            self.outcome = outcome
            self.timepoint = timepoint
        }
    }

    public let idColumn: Int
    public let armColumn: Int
    /// The value columns in header order.
    public let values: [ValueColumn]
    /// Every other column, in header order; each becomes a participant attribute.
    public let attributeColumns: [Int]

    public init(idColumn: Int, armColumn: Int, values: [ValueColumn], attributeColumns: [Int]) {
        self.idColumn = idColumn
        self.armColumn = armColumn
        self.values = values
        self.attributeColumns = attributeColumns
    }
}

/// Reads a wide sheet (one row per participant, one column per outcome and timepoint, such as
/// `id,group,age,pain_pre,pain_post,speed_pre,speed_post`) as the long layout the importer reads.
///
/// Two steps, both working on names and text only, so they do not depend on how cells are read:
/// ``plan(header:file:headerLine:)`` decides from the header which column is which, and
/// ``reshape(_:with:)`` turns each wide row into long rows.
///
/// *Participant and arm.* The columns named with `--id` and `--arm`, else the one column whose name is a
/// usual name for it (``participantNames``, ``armNames``). Names are compared ignoring case and spaces.
///
/// *Which columns hold values.* Every other column whose name splits into an outcome and a timepoint
/// (``WidePattern``) and shares its outcome or its timepoint with another such column, or whose outcome is a
/// known outcome id (from the codebook). The rest (`age`, `sex`, `kl_grade`) are participant attributes.
///
/// *How a name splits.* With a known outcome id the name starts with (the longest, for outcome-first
/// patterns; ends with, for timepoint-first ones), after that id; else the timepoint takes no separator
/// (`pain_nrs_week6` is `pain_nrs` at `week6`). When the two readings differ, the known one is used unless
/// the rest of the sheet contradicts it: when no other column has its timepoint (read with known ids first)
/// but another column has the other reading's timepoint (read by names alone). Known `pain`, columns
/// `pain_nrs_baseline,pain_nrs_week6,speed_baseline,speed_week6`: `nrs_baseline` is nowhere else but
/// `baseline` is, so the column is ambiguous and the plan throws, naming both readings. Known `pain_nrs`,
/// columns `pain_nrs_week_0,pain_nrs_week_6,tug_week_0,…`: `week_0` is confirmed, so `pain_nrs` at `week_0`. Two columns
/// holding the same outcome at the same timepoint (`pain_pre`, `Pain_Pre`: names are compared ignoring case) are
/// refused, naming both.
public struct WideLayout: Sendable {
    /// Usual names of the participant column, compared ignoring case and spaces.
    public static let participantNames = ["participant", "id", "subject", "record_id", "patient", "pid", "subject_id", "participant_id"]
    /// Usual names of the arm column, compared ignoring case and spaces.
    public static let armNames = ["arm", "group", "treatment", "allocation", "condition", "randomisation", "randomization"]

    public var pattern: WidePattern
    /// The participant column's name as given (`--id`), or `nil` to detect it.
    public var idColumnName: String?
    /// The arm column's name as given (`--arm`), or `nil` to detect it.
    public var armColumnName: String?
    /// Outcome ids the split should recognise (the codebook's).
    public var knownOutcomes: [String]

    public init(pattern: WidePattern = .standard, idColumnName: String? = nil, armColumnName: String? = nil, knownOutcomes: [String] = []) {
        self.pattern = pattern
        self.idColumnName = idColumnName
        self.armColumnName = armColumnName
        self.knownOutcomes = knownOutcomes
    }

    /// The plan for `table`'s header.
    public func plan(for table: CSVTable) throws -> WidePlan {
        try plan(header: table.header, file: table.file, headerLine: table.headerLine)
    }

    /// Decides from `header` which column is the participant, the arm, each outcome × timepoint and an attribute.
    /// - Throws: ``CSVImportError`` at the header line: `.missingColumn` when the participant or arm column is
    ///   absent or ambiguous, or no column holds values; `.ambiguousColumn` when a name reads two ways;
    ///   `.unsplittableColumn` when a value-like name has an empty outcome or timepoint; `.duplicateColumn` when
    ///   two columns hold the same outcome at the same timepoint.
    public func plan(header: [String], file: String, headerLine: Int) throws -> WidePlan {
        func problem(_ kind: CSVImportError.Kind, column: Int? = nil, _ message: String) -> CSVImportError {
            CSVImportError(kind, file: file, line: headerLine, column: column.map { $0 + 1 }, message: message)
        }
        let headerList = header.joined(separator: ", ")
        func locate(_ given: String?, usual: [String], role: String, flag: String) throws -> Int {
            if let given {
                let matches = header.indices.filter { Self.normalized(header[$0]) == Self.normalized(given) }
                guard matches.count == 1 else {
                    throw problem(.missingColumn, "expected the \(role) column named '\(given)' (given with \(flag)) in the header, "
                        + "found \(matches.isEmpty ? "none" : "\(matches.count)") (header: \(headerList))")
                }
                return matches[0]
            }
            let matches = header.indices.filter { usual.contains(Self.normalized(header[$0])) }
            guard matches.count == 1 else {
                let found = matches.isEmpty ? "none of \(usual.joined(separator: ", ")) is in the header"
                    : "several columns could be it (\(matches.map { header[$0] }.joined(separator: ", ")))"
                throw problem(.missingColumn, "expected one \(role) column: \(found) (header: \(headerList)); name it with \(flag) NAME")
            }
            return matches[0]
        }
        let idColumn = try locate(idColumnName, usual: Self.participantNames, role: "participant", flag: "--id")
        let armColumn = try locate(armColumnName, usual: Self.armNames, role: "arm", flag: "--arm")
        guard idColumn != armColumn else {
            throw problem(.missingColumn, column: idColumn, "column '\(header[idColumn])' cannot be both the participant and the arm column; "
                + "name them with --id and --arm")
        }
        let candidates = header.indices.filter { $0 != idColumn && $0 != armColumn }

        // Readings: structural for every splittable name, known where a codebook id fits.
        var structural: [Int: WideReading] = [:], known: [Int: WideReading] = [:]
        for column in candidates {
            let name = header[column]
            structural[column] = pattern.structuralReading(name)
            known[column] = pattern.knownReading(name, knownOutcomes: knownOutcomes)
            if structural[column] == nil, known[column] == nil, name.contains(pattern.separator),
               name.hasPrefix(pattern.separator) || name.hasSuffix(pattern.separator) {
                throw problem(.unsplittableColumn, column: column, "column '\(name)' (column \(column + 1)) cannot be split into an outcome "
                    + "and a timepoint with the pattern '\(pattern)'; give --wide-pattern or rename the column")
            }
        }
        // Two readings of the sheet: codebook ids first (A) and names alone (B). Another column's timepoint
        // under a reading "confirms" the same timepoint of this column under that reading.
        func otherTimepoints(_ column: Int, knownFirst: Bool) -> Set<String> {
            Set(candidates.filter { $0 != column }.compactMap { (knownFirst ? known[$0] ?? structural[$0] : structural[$0])?.timepoint })
        }
        var readings: [Int: WideReading] = [:]
        for column in candidates {
            switch (known[column], structural[column]) {
            case let (known?, other?) where known != other:
                guard otherTimepoints(column, knownFirst: true).contains(known.timepoint)
                    || !otherTimepoints(column, knownFirst: false).contains(other.timepoint) else {
                    throw problem(.ambiguousColumn, column: column, "column '\(header[column])' (column \(column + 1)) could be outcome "
                        + "'\(known.outcome)' at '\(known.timepoint)' or outcome '\(other.outcome)' at '\(other.timepoint)'; "
                        + "give --wide-pattern or rename the column")
                }
                readings[column] = known
            case let (known?, _): readings[column] = known
            case let (nil, other?): readings[column] = other
            case (nil, nil): break
            }
        }
        // A structural reading counts only when it shares its outcome or timepoint with another column's
        // (ignoring case, as for every name comparison here).
        let folded = readings.mapValues { WideReading(outcome: $0.outcome.lowercased(), timepoint: $0.timepoint.lowercased()) }
        var values: [WidePlan.ValueColumn] = []
        var attributes: [Int] = []
        var seen: [WideReading: Int] = [:]
        for column in candidates {
            guard let reading = readings[column], let key = folded[column], known[column] != nil || folded.contains(where: { other in
                other.key != column && (other.value.outcome == key.outcome || other.value.timepoint == key.timepoint)
            }) else {
                attributes.append(column)
                continue
            }
            if let first = seen[key] {
                throw problem(.duplicateColumn, column: column, "columns '\(header[first])' (column \(first + 1)) and '\(header[column])' "
                    + "(column \(column + 1)) both hold outcome '\(reading.outcome)' at '\(reading.timepoint)' (names compared ignoring case); "
                    + "expected one column each")
            }
            seen[key] = column
            values.append(WidePlan.ValueColumn(column: column, outcome: reading.outcome, timepoint: reading.timepoint))
        }
        guard !values.isEmpty else {
            throw problem(.missingColumn, "expected columns named like '\(pattern)' (such as "
                + "'\(pattern.columnName(outcome: "pain", timepoint: "pre"))') for a wide sheet, found none (header: \(headerList)); "
                + "give --wide-pattern if the names are built another way")
        }
        try checkAgainstOtherPatterns(values: values, header: header, candidates: candidates) { problem(.ambiguousColumn, $0) }
        return WidePlan(idColumn: idColumn, armColumn: armColumn, values: values, attributeColumns: attributes)
    }

    /// Refuses a plan whose outcomes are none of the known ids when another pattern (either order, separator
    /// `_`, `.` or `-`) would read known ids from the same columns, such as `baseline.pain_nrs` read with the
    /// default pattern: naming the pattern that fits beats analysing outcome `baseline.pain` at `nrs`.
    private func checkAgainstOtherPatterns(values: [WidePlan.ValueColumn], header: [String], candidates: [Int],
                                           problem: (String) -> CSVImportError) throws {
        let known = Set(knownOutcomes)
        guard !known.isEmpty, !values.contains(where: { known.contains($0.outcome) }) else { return }
        for separator in ["_", ".", "-"] {
            for outcomeFirst in [true, false] {
                let other = WidePattern(separator: separator, outcomeFirst: outcomeFirst)
                guard other != pattern else { continue }
                let found = candidates.compactMap { other.knownReading(header[$0], knownOutcomes: knownOutcomes)?.outcome }.uniqueInOrder()
                guard !found.isEmpty else { continue }
                throw problem("no column names a codebook outcome with the pattern '\(pattern)', but with '\(other)' columns name "
                    + "\(found.joined(separator: ", ")); give --wide-pattern '\(other)'")
            }
        }
    }

    /// Each wide row as long rows, one per value column in plan order, with the columns
    /// `participant,arm,timepoint,outcome,value,<attribute columns…>`. Every long row keeps the wide row's
    /// line; ``ReshapedTable/sourceColumn(of:in:)`` gives the wide column of each of its fields, so errors
    /// found in the long rows still point at the wide file's line and column. Cells are moved as text,
    /// unread.
    public static func reshape(_ table: CSVTable, with plan: WidePlan) -> ReshapedTable {
        let header = ParticipantCSVImporter.requiredColumns + plan.attributeColumns.map { table.header[$0] }
        var records: [CSVRecord] = []
        records.reserveCapacity(table.records.count * plan.values.count)
        for record in table.records {
            let id = record.fields[plan.idColumn], arm = record.fields[plan.armColumn]
            let attributes = plan.attributeColumns.map { record.fields[$0] }
            for value in plan.values {
                records.append(CSVRecord(line: record.line,
                                         fields: [id, arm, value.timepoint, value.outcome, record.fields[value.column]] + attributes))
            }
        }
        let long = CSVTable(file: table.file, header: header, headerLine: table.headerLine, records: records, problems: table.problems)
        return ReshapedTable(table: long, plan: plan, wideHeader: table.header)
    }

    /// The wide-sheet hint for a long read missing its required columns: a sentence saying how to read
    /// `header` with `--layout wide` when some outcome appears under two timepoints (`pain_pre`, `pain_post`)
    /// with `_`, `.` or `-` as separator; `nil` when the header does not look wide.
    public static func wideSheetHint(header: [String]) -> String? {
        for separator in ["_", ".", "-"] {
            let pattern = WidePattern(separator: separator, outcomeFirst: true)
            let readings = header.map { pattern.structuralReading($0) }
            var timepoints: [String: Set<String>] = [:]
            for reading in readings.compactMap({ $0 }) { timepoints[reading.outcome, default: []].insert(reading.timepoint) }
            let outcomes = timepoints.filter { $0.value.count >= 2 }.keys
            guard !outcomes.isEmpty else { continue }
            let examples = header.indices.filter { readings[$0].map { outcomes.contains($0.outcome) } ?? false }.map { header[$0] }
            let flag = separator == "_" ? "(and --wide-pattern if the names are not OUTCOME_TIMEPOINT)"
                : "--wide-pattern '\(pattern)'"
            return "this looks like a wide sheet (one column per outcome and timepoint: "
                + (examples.prefix(3) + (examples.count > 3 ? ["…"] : [])).joined(separator: ", ")
                + "); read it with --layout wide \(flag)"
        }
        return nil
    }

    /// `error` with the wide-sheet hint appended when it is a missing required column and `header` looks wide.
    static func addingWideSheetHint(to error: CSVImportError, header: [String]) -> CSVImportError {
        guard error.kind == .missingColumn, let hint = wideSheetHint(header: header) else { return error }
        return CSVImportError(error.kind, file: error.file, line: error.line, column: error.column, message: error.message + "; " + hint)
    }

    /// `name` lowercased without spaces, for matching header names.
    static func normalized(_ name: String) -> String {
        name.lowercased().filter { !$0.isWhitespace }
    }
}

/// The long rows of a reshaped wide sheet and where each of their fields came from.
public struct ReshapedTable: Sendable {
    /// The long table: header `participant,arm,timepoint,outcome,value,<attributes…>`, records at the wide lines.
    public let table: CSVTable
    let plan: WidePlan
    let wideHeader: [String]

    /// The 0-based wide column that field `longColumn` of long `record` came from: the participant or arm
    /// column, the value column of the record's outcome and timepoint (for those and the value), or the attribute.
    public func sourceColumn(of longColumn: Int, in record: CSVRecord) -> Int {
        switch longColumn {
        case 0: return plan.idColumn
        case 1: return plan.armColumn
        case 2, 3, 4:
            return plan.values.first { $0.timepoint == record.fields[2] && $0.outcome == record.fields[3] }?.column ?? plan.idColumn
        default: return plan.attributeColumns[longColumn - 5]
        }
    }

    /// `error`, found in long `record`, moved to the wide column its field came from and naming that column.
    func locate(_ error: CSVImportError, in record: CSVRecord) -> CSVImportError {
        guard let column = error.column, error.line == record.line, column >= 1, column <= table.header.count else { return error }
        let source = sourceColumn(of: column - 1, in: record)
        let message = error.message.replacingOccurrences(of: "column '\(table.header[column - 1])'", with: "column '\(wideHeader[source])'")
        return CSVImportError(error.kind, file: error.file, line: error.line, column: source + 1, message: message)
    }
}
