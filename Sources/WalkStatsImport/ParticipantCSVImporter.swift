import Foundation
import WalkStatsModel

/// Reads long-format participant data into a ``Trial``.
///
/// The file is delimited text (see ``DelimitedText``: `,`, `;` or tab, decimal point or comma, UTF-8, UTF-16
/// or a declared single-byte encoding) with a header naming at least `participant`, `arm`, `timepoint`,
/// `outcome` and `value` (matched ignoring case and spaces), in any order, and one row per participant ×
/// timepoint × outcome. Extra columns are kept: those constant within every participant become participant
/// attributes (such as `age`, `sex`, `kl_grade`), the others measurement attributes (such as `unit`).
///
/// *Missing values.* An empty, `NA` or `NaN` value, or one of the declared codes (`--na`), is missing: it is
/// kept as a measurement without a value and counted in ``Trial/missingCells``; nothing is dropped.
///
/// *Values against the codebook.* With a codebook, a value outside an outcome's scale range, or not whole on
/// an integer scale, is an error naming file, line and column (with a hint at `--na` for codes such as
/// `-999`).
///
/// *Errors.* Anything else that is wrong stops the import with a ``CSVImportError`` naming file, line,
/// column and what was expected, so no partial data is ever returned; the first problem in the file is the
/// one reported. With `keepGoing`, every problem is collected and thrown together as ``CSVImportErrors``.
///
/// *Speed.* The file is memory-mapped and read as bytes: no `String` is made per cell, names are interned,
/// numbers are parsed from bytes (``DecimalParser``), and values are stored by cell (``ObservationCells``).
public struct ParticipantCSVImporter: Sendable {
    /// The columns every participant file must have.
    public static let requiredColumns = ["participant", "arm", "timepoint", "outcome", "value"]

    /// The analysis order of timepoints; `nil` reads it from their names (``VisitOrder``) when
    /// ``ordersVisits``, else keeps the order in which the file first names them.
    public var timepointOrder: [String]?
    /// Where a given ``timepointOrder`` came from, for the report ("given with --timepoints").
    public var timepointOrderSource: String
    /// Whether the timepoints are visits to be put in time order by their names (not for conditions of a
    /// within-subject design, which keep their given order).
    public var ordersVisits: Bool
    /// Whether to collect every problem instead of stopping at the first.
    public var keepGoing: Bool
    /// How the text is read (delimiter, decimal mark, encoding, missing-value codes).
    public var reading: TextOptions
    /// Scale ranges and whole-number scores to check values against; `nil` checks none.
    public var codebook: Codebook?

    /// Creates an importer.
    public init(timepointOrder: [String]? = nil, timepointOrderSource: String = "as given", ordersVisits: Bool = true,
                keepGoing: Bool = false, reading: TextOptions = TextOptions(), codebook: Codebook? = nil) {
        self.timepointOrder = timepointOrder
        self.timepointOrderSource = timepointOrderSource
        self.ordersVisits = ordersVisits
        self.keepGoing = keepGoing
        self.reading = reading
        self.codebook = codebook
    }

    /// Imports the file at `path` (memory-mapped).
    /// - Throws: ``CSVImportError`` (or ``CSVImportErrors`` with `keepGoing`) for any problem in the file.
    public func importTrial(atPath path: String) throws -> Trial {
        var (reader, headerLine, notes) = try read(InputFile.read(path, mapped: true), file: path)
        // The mapped file is released here, before the values are laid out by cell.
        return try finish(&reader, headerLine: headerLine, notes: notes, file: path)
    }

    /// Imports delimited-text `data`; `file` names it in messages and in ``Trial/source``.
    /// - Throws: ``CSVImportError`` (or ``CSVImportErrors`` with `keepGoing`) for any problem in the data.
    public func importTrial(data: Data, file: String) throws -> Trial {
        var (reader, headerLine, notes) = try read(data, file: file)
        return try finish(&reader, headerLine: headerLine, notes: notes, file: file)
    }

    /// Reads every row of `data` (checking each), without assembling the trial.
    private func read(_ data: Data, file: String) throws -> (LongRowReader, Int, [String]) {
        let text = try DelimitedText(data: data, file: file, options: reading)
        // The header: the first record.
        struct Stop: Error {}
        var header: (names: [String], line: Int)?
        do {
            try text.forEachRecord { record in
                header = ((0..<record.count).map { record.string($0) }, record.line)
                throw Stop()
            }
        } catch is Stop {}
        guard let header else {
            throw CSVImportError(.emptyFile, file: file, message: "the file is empty; expected a header row")
        }
        @Sendable func newReader() throws -> LongRowReader {
            try LongRowReader(header: header.names, line: header.line, file: file, timepointOrder: timepointOrder, codebook: codebook)
        }
        /// Reads the records of `part` after the header (the header is the first record of the first part).
        @Sendable func readPart(_ part: DelimitedText, skippingHeader: Bool) throws -> LongRowReader {
            var reader = try newReader()
            var skip = skippingHeader
            try part.forEachRecord { record in
                if skip { skip = false; return }
                reader.add(record)  // in place: no copy of the growing reader
            }
            return reader
        }
        guard splitsLargeFiles, let split = text.splitPoint(minimumSize: Self.splitSize) else {
            return (try readPart(text, skippingHeader: true), header.line, text.notes)
        }
        // A large file without quotes or carriage returns is read on two cores, its halves split at a line
        // break, and the second half appended to the first as if read after it.
        let halves = [DelimitedText(part: text, range: 0..<split.offset, firstLine: 1),
                      DelimitedText(part: text, range: split.offset..<text.bytes.count, firstLine: split.line)]
        let reader = try Self.readInParallel(parts: 2) { index in try readPart(halves[index], skippingHeader: index == 0) }
        return (reader, header.line, text.notes)
    }

    /// Reads `parts` parts of one table on as many cores, each into its own reader, and appends them in
    /// order: the reader one would have after reading them all in turn. The error of the earliest part that
    /// failed is thrown.
    private static func readInParallel(parts count: Int, _ read: @Sendable (Int) throws -> LongRowReader) throws -> LongRowReader {
        final class Part: @unchecked Sendable {
            var reader: LongRowReader?
            var error: Error?
        }
        let parts = (0..<count).map { _ in Part() }
        if count == 1 {
            parts[0].reader = try read(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: count) { index in
                do {
                    parts[index].reader = try read(index)
                } catch {
                    parts[index].error = error
                }
            }
        }
        if let error = parts.lazy.compactMap(\.error).first { throw error }
        var reader = parts[0].reader!
        for part in parts.dropFirst() { reader.append(part.reader!) }
        return reader
    }

    /// Whether a large file (``splitSize`` or more, without quotes or carriage returns) is read on two cores.
    public var splitsLargeFiles = true
    /// The size from which a file is split.
    static let splitSize = 8 << 20

    /// Imports the wide sheet at `path` (read with ``reading``), its columns planned by `layout` (see ``WideLayout``).
    /// - Throws: ``CSVImportError`` (or ``CSVImportErrors`` with `keepGoing`) for any problem in the file or its header.
    public func importTrial(atPath path: String, wide layout: WideLayout) throws -> Trial {
        let text = try DelimitedText(data: InputFile.read(path), file: path, options: reading)
        let table = try CSVTable(text: text)
        let plan = try layout.plan(for: table)
        let trial = try importTrial(wide: table, plan: plan, text: text)
        let wide = "a wide sheet (--layout wide): participant column '\(table.header[plan.idColumn])', arm column "
            + "'\(table.header[plan.armColumn])', \(plan.values.count) value columns named '\(layout.pattern)'"
        return Trial(source: trial.source, arms: trial.arms, timepoints: trial.timepoints, outcomes: trial.outcomes,
                     participantAttributeNames: trial.participantAttributeNames, measurementAttributeNames: trial.measurementAttributeNames,
                     missingCells: trial.missingCells, timepointOrderReason: trial.timepointOrderReason,
                     readingNotes: [wide] + trial.readingNotes)
    }

    /// Imports a wide sheet already parsed, with the columns `plan` gives (see ``WideLayout``): its rows
    /// reshaped to long rows, every error still at the wide file's line and column.
    /// - Throws: ``CSVImportError`` (or ``CSVImportErrors`` with `keepGoing`) for any problem in the data.
    public func importTrial(wide table: CSVTable, plan: WidePlan) throws -> Trial {
        try importTrial(wide: table, plan: plan, text: DelimitedText(data: Data(), file: table.file, options: reading))
    }

    private func importTrial(wide table: CSVTable, plan: WidePlan, text: DelimitedText) throws -> Trial {
        let reshaped = WideLayout.reshape(table, with: plan)
        return try importRows(reshaped.table, text: text) { problem, record in reshaped.locate(problem, in: record) }
    }

    /// Imports the long rows of `long` (already split into fields) through the same row checks as a file:
    /// each row's fields packed into one byte buffer and read as a record. `locate` moves a problem found in a
    /// row to where the user wrote it (the wide column of a reshaped sheet, the cell of a worksheet).
    private func importRows(_ long: CSVTable, text: DelimitedText,
                            locate: (CSVImportError, CSVRecord) -> CSVImportError) throws -> Trial {
        var reader = try LongRowReader(header: long.header, line: long.headerLine, file: long.file, timepointOrder: timepointOrder,
                                       codebook: codebook)
        reader.problems = long.problems
        reader.recordsRows = true
        var accepted: [CSVRecord] = []
        var bytes: [UInt8] = []
        var spans: [FieldSpan] = []
        for record in long.records {
            bytes.removeAll(keepingCapacity: true)
            spans.removeAll(keepingCapacity: true)
            for field in record.fields {
                let start = bytes.count
                bytes.append(contentsOf: field.utf8)
                spans.append(FieldSpan(start: start, end: bytes.count, hasDoubledQuotes: false))
            }
            let before = reader.problems.count
            bytes.withUnsafeBytes { base in
                spans.withUnsafeBufferPointer { fields in
                    reader.add(DelimitedText.Record(line: record.line, fields: fields, base: base, text: text))
                }
            }
            for index in before..<reader.problems.count { reader.problems[index] = locate(reader.problems[index], record) }
            if reader.acceptedRows > accepted.count { accepted.append(record) }
        }
        return try finish(&reader, headerLine: long.headerLine, notes: text.notes, file: long.file) { problem, row in
            row >= 0 ? locate(problem, accepted[Int(row)]) : problem
        }
    }

    /// Imports the long rows packed in `cells` (a worksheet's) through the same row checks as a file, on two
    /// cores when they are many, every problem moved to the source's own cell.
    private func importCells(_ cells: SourceCells, of source: SourceTable, text: DelimitedText) throws -> Trial {
        let parts = splitsLargeFiles && cells.totalByteCount >= Self.splitSize ? 2 : 1
        var reader = try Self.readInParallel(parts: parts) { index in
            var reader = try LongRowReader(header: source.header, line: source.headerLine, file: source.file,
                                           timepointOrder: timepointOrder, codebook: codebook)
            cells.forEachRecord(in: (cells.count * index / parts)..<(cells.count * (index + 1) / parts), text: text) { reader.add($0) }
            return reader
        }
        reader.problems = source.problems + reader.problems.map { source.locate($0, in: nil) }
        return try finish(&reader, headerLine: source.headerLine, notes: text.notes, file: source.file) { problem, _ in
            source.locate(problem, in: nil)
        }
    }

    /// Imports a table read from a worksheet, a dataset or a REDCap export (see ``SourceTable``): long, or wide
    /// with `layout`. The arm column's value labels name the arms; every error names the source's own cell.
    /// - Throws: ``CSVImportError`` (or ``CSVImportErrors`` with `keepGoing`) for any problem in the table.
    public func importTrial(source: SourceTable, wide layout: WideLayout?) throws -> Trial {
        do {
            return try importSourceTable(source, wide: layout)
        } catch let error as CSVImportError {
            throw error.placed(source.place)
        } catch let errors as CSVImportErrors {
            throw CSVImportErrors(errors.errors.map { $0.placed(source.place) })
        }
    }

    private func importSourceTable(_ given: SourceTable, wide layout: WideLayout?) throws -> Trial {
        let text = try DelimitedText(data: Data(), file: given.file, options: reading)
        func header<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let error as CSVImportError { throw given.locate(error, in: nil) }
        }
        guard !given.header.isEmpty else {
            throw CSVImportError(.emptyFile, file: given.file, message: "the file holds no columns; expected a header of column names")
        }
        try header { try CSVTable.validateHeader(given.header.map { $0.trimmingCharacters(in: .whitespaces) }, line: given.headerLine, file: given.file) }
        guard given.recordCount > 0 else {
            // Every row was a problem the reader kept going past: those, not "no rows".
            if !given.problems.isEmpty {
                if keepGoing { throw CSVImportErrors(given.problems) }
                throw given.problems[0]
            }
            throw CSVImportError(.noDataRows, file: given.file, line: given.headerLine, message: "the file has a header but no data rows")
        }
        var wideNote: [String] = []
        var source = given
        let trial: Trial
        if let layout {
            let plan = try header { try layout.plan(header: given.header, file: given.file, headerLine: given.headerLine) }
            source = given.labellingCells(of: plan.armColumn)
            let table = source.csvTable
            let reshaped = WideLayout.reshape(table, with: plan)
            let records = Dictionary(source.records.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
            trial = try importRows(reshaped.table, text: text) { problem, record in
                source.locate(reshaped.locate(problem, in: record), in: records[record.line])
            }
            wideNote = ["a wide sheet (--layout wide): participant column '\(source.header[plan.idColumn])', arm column "
                + "'\(source.header[plan.armColumn])', \(plan.values.count) value columns named '\(layout.pattern)'"]
        } else {
            if let arm = CSVTable.columnIndex(of: "arm", in: given.header) { source = given.labellingCells(of: arm) }
            if let cells = source.cells {
                trial = try importCells(cells, of: source, text: text)
            } else {
                let table = source.csvTable
                var byLine: [Int: [SourceRecord]] = [:]
                for record in source.records where record.columns != nil { byLine[record.line, default: []].append(record) }
                trial = try importRows(table, text: text) { problem, record in
                    // A REDCap export's long rows share a line; the row is the one with these fields.
                    let match = byLine[record.line]?.first { $0.fields == record.fields }
                    return source.locate(problem, in: match)
                }
            }
        }
        let dropped = source.dropped.isEmpty ? [] : ["left out: " + source.dropped.joined(separator: ", ")]
        // Outcomes no codebook defines, labelled (and perhaps range-checked) by what the file says of them.
        let fileLabelled = trial.outcomes.compactMap { outcome in
            codebook?.fileOutcome(of: outcome).map { "`\(outcome)` ('\($0.label)', from \($0.source))" }
        }
        let labelled = fileLabelled.isEmpty ? [] : ["outcomes no codebook defines, labelled by the file itself (which does not say "
            + "which direction is better): " + fileLabelled.joined(separator: ", ")]
        return Trial(source: trial.source, arms: trial.arms, timepoints: trial.timepoints, outcomes: trial.outcomes,
                     participantAttributeNames: trial.participantAttributeNames, measurementAttributeNames: trial.measurementAttributeNames,
                     missingCells: trial.missingCells, timepointOrderReason: trial.timepointOrderReason,
                     readingNotes: source.notes + wideNote + dropped + labelled + trial.readingNotes)
    }

    /// Checks what needs every row (repeated measurements, listed timepoints), reports the first problem in
    /// the file (or every one with `keepGoing`), decides the timepoint order and builds the trial.
    /// `relocate` moves a problem found when assembling (a repeated measurement, at the accepted row given) to
    /// where the user wrote it (the wide column of a reshaped sheet).
    private func finish(_ reader: inout LongRowReader, headerLine: Int, notes: [String], file: String,
                        relocate: (CSVImportError, Int32) -> CSVImportError = { problem, _ in problem }) throws -> Trial {
        guard reader.rowCount > 0 else {
            throw CSVImportError(.noDataRows, file: file, line: headerLine, message: "the file has a header but no data rows")
        }
        var problems = reader.problems
        problems += reader.unusedListedTimepoints()
        let assembled = reader.assemble()
        problems += assembled.problems.map { relocate($0.problem, $0.row) }
        if !problems.isEmpty {
            let ordered = problems.enumerated().sorted { ($0.element.line ?? .max, $0.offset) < ($1.element.line ?? .max, $1.offset) }.map(\.element)
            if keepGoing { throw CSVImportErrors(ordered) }
            throw ordered[0]
        }
        let order: (timepoints: [String], reason: String)
        if let timepointOrder {
            order = (timepointOrder, timepointOrderSource)
        } else if ordersVisits {
            do {
                let decision = try VisitOrder.decide(reader.timepoints.names)
                order = (decision.order, decision.reason)
            } catch let ambiguity as VisitOrder.Ambiguity {
                throw CSVImportError(.ambiguousTimepointOrder, file: file, message: ambiguity.description)
            }
        } else {
            order = (reader.timepoints.names, "in the order the file first names them (conditions, not visits)")
        }
        let extraNames = reader.extraColumns.map { reader.header[$0] }
        return Trial(source: file, arms: assembled.arms, timepoints: order.timepoints, outcomes: reader.outcomes.names,
                     participantAttributeNames: extraNames.filter(assembled.participantAttributes.contains),
                     measurementAttributeNames: extraNames.filter { !assembled.participantAttributes.contains($0) },
                     missingCells: reader.missingCells, timepointOrderReason: order.reason,
                     readingNotes: notes + reader.headerNotes)
    }
}

/// Names seen in a column, each stored once: the id of a name is its index in ``names``. Looks a byte
/// slice up without making a `String` unless the name is new.
struct ByteInterner {
    private(set) var names: [String] = []
    private var keys: [[UInt8]] = []
    private var table: [Int32] = Array(repeating: -1, count: 64)
    private var last: Int32 = -1
    /// The ids seen most recently (a column that cycles through a few names, as outcomes do, hits here).
    private var recent: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (-1, -1, -1, -1, -1, -1, -1, -1)
    private var recentNext = 0

    /// The id of `bytes`, adding it when new.
    mutating func id(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        if last >= 0, Self.equal(keys[Int(last)], bytes) { return last }
        let found = withUnsafeBytes(of: recent) { raw -> Int32 in
            for candidate in raw.bindMemory(to: Int32.self) where candidate >= 0 && candidate != last && Self.equal(keys[Int(candidate)], bytes) {
                return candidate
            }
            return -1
        }
        if found >= 0 { last = found; return found }
        let id = lookUp(bytes)
        withUnsafeMutableBytes(of: &recent) { $0.bindMemory(to: Int32.self)[recentNext] = id }
        recentNext = (recentNext + 1) & 7
        last = id
        return id
    }

    /// The id of `bytes` from the hash table, adding it when new.
    private mutating func lookUp(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = table[slot]
            if id < 0 { break }
            if Self.equal(keys[Int(id)], bytes) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(names.count)
        keys.append(Array(bytes))
        names.append(String(decoding: bytes, as: UTF8.self))
        table[slot] = id
        if names.count * 2 > table.count { rehash() }
        return id
    }

    /// The id of `name`, adding it when new.
    mutating func id(_ name: String) -> Int32 {
        var name = name
        return name.withUTF8 { id(UnsafeRawBufferPointer($0)) }
    }

    /// Whether `key` holds the same bytes as `bytes`.
    @inline(__always) static func equal(_ key: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard key.count == bytes.count else { return false }
        guard !key.isEmpty else { return true }
        return key.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }

    private mutating func rehash() {
        table = Array(repeating: -1, count: table.count * 2)
        let mask = table.count - 1
        for (id, key) in keys.enumerated() {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in key { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(id)
        }
    }
}

/// Reads the rows of a long file into per-participant lists, checking each row as it comes (identifiers,
/// numbers, codebook ranges, one arm per participant) and recording problems with their line and column;
/// ``assemble()`` then lays the values out by cell and finds repeated measurements.
private struct LongRowReader {
    /// One row's measurement, kept in its participant's list until assembly.
    struct Entry {
        /// outcome << 16 | timepoint.
        var key: UInt32
        var line: Int32
        var value: Double  // NaN: missing
    }

    let file: String
    let header: [String]
    let headerNotes: [String]
    let columns: (participant: Int, arm: Int, timepoint: Int, outcome: Int, value: Int)
    let extraColumns: [Int]
    let timepointOrder: [String]?
    let codebook: Codebook?

    var participants = ByteInterner()
    var arms = ByteInterner()
    var timepoints = ByteInterner()
    var outcomes = ByteInterner()
    var extraValues: [ByteInterner]
    /// Per row, the interned value of each extra column (-1: missing).
    var extraCells: [[Int32]]
    var participantArm: [Int32] = []
    var participantLine: [Int32] = []
    var entries: [[Entry]] = []
    /// Per participant, the accepted-row index of each entry (kept only when ``recordsRows``: for extra
    /// columns, and to relocate problems of a reshaped wide sheet).
    var rows: [[Int32]] = []
    /// Whether ``rows`` is kept.
    var recordsRows = false
    var rowCount = 0
    /// Rows that passed the row checks (the index of the next one is an entry's `row`).
    var acceptedRows = 0
    var missingCells = 0
    var problems: [CSVImportError] = []
    /// Per outcome id: the codebook's range and whole-number rule (looked up once).
    var outcomeRules: [(range: ClosedRange<Double>?, integer: Bool)?] = []

    init(header given: [String], line: Int, file: String, timepointOrder: [String]?, codebook: Codebook?) throws {
        self.file = file
        self.timepointOrder = timepointOrder
        self.codebook = codebook
        let names = given.map { $0.trimmingCharacters(in: .whitespaces) }
        try CSVTable.validateHeader(names, line: line, file: file)
        header = names
        var found: [String: Int] = [:]
        var notes: [String] = []
        var absent: [String] = []
        for name in ParticipantCSVImporter.requiredColumns {
            if let index = CSVTable.columnIndex(of: name, in: names) {
                found[name] = index
                if names[index] != name { notes.append("column '\(names[index])' read as \(name)") }
            } else {
                absent.append(name)
            }
        }
        guard absent.isEmpty else {
            let list = absent.map { "'\($0)'" }.joined(separator: ", ")
            throw WideLayout.addingWideSheetHint(to: CSVImportError(
                .missingColumn, file: file, line: line,
                message: "expected the required column\(absent.count == 1 ? "" : "s") \(list) in the header "
                    + "(found: \(names.joined(separator: ", ")); required: \(ParticipantCSVImporter.requiredColumns.joined(separator: ", ")))"),
                header: names)
        }
        headerNotes = notes
        columns = (found["participant"]!, found["arm"]!, found["timepoint"]!, found["outcome"]!, found["value"]!)
        extraColumns = names.indices.filter { !found.values.contains($0) }
        extraValues = extraColumns.map { _ in ByteInterner() }
        extraCells = extraColumns.map { _ in [] }
        recordsRows = !extraColumns.isEmpty
    }

    mutating func add(_ record: DelimitedText.Record) {
        rowCount += 1
        let line = record.line
        guard record.count == header.count else {
            problems.append(CSVImportError(.raggedRow, file: file, line: line, column: min(record.count, header.count) + 1,
                                           message: "expected \(header.count) fields as in the header, found \(record.count)"))
            return
        }
        func identifier(_ column: Int, _ name: String) -> UnsafeRawBufferPointer? {
            let cell = record.trimmed(column)
            if cell.isEmpty {
                problems.append(CSVImportError(.emptyField, file: file, line: line, column: column + 1,
                                               message: "expected a value in column '\(name)', found an empty field"))
                return nil
            }
            return cell
        }
        guard let idBytes = identifier(columns.participant, "participant"), let armBytes = identifier(columns.arm, "arm"),
              let timepointBytes = identifier(columns.timepoint, "timepoint") else { return }
        // The timepoint appears in the data even if this row has another problem.
        let timepoint = timepoints.id(timepointBytes)
        guard let outcomeBytes = identifier(columns.outcome, "outcome") else { return }
        let outcome = outcomes.id(outcomeBytes)
        if Int(outcome) == outcomeRules.count {
            outcomeRules.append(codebook?.valueRule(of: outcomes.names[Int(outcome)]))
        }
        var value = Double.nan
        if record.isMissing(columns.value) {
            missingCells += 1
        } else if let number = record.number(columns.value), number.isFinite {
            value = number
            if let problem = checkAgainstCodebook(number, outcome: outcome, record: record) ?? checkNotACode(number, record: record) {
                problems.append(problem)
                return
            }
        } else {
            problems.append(numberProblem(record.string(columns.value).trimmingCharacters(in: .whitespaces), line: line))
            return
        }
        if let order = timepointOrder, !order.contains(timepoints.names[Int(timepoint)]) {
            problems.append(CSVImportError(.unlistedTimepoint, file: file, line: line, column: columns.timepoint + 1,
                                           message: "expected one of the timepoints given with --timepoints "
                                               + "(\(order.joined(separator: ","))), found '\(timepoints.names[Int(timepoint)])'"))
            return
        }
        let participant = participants.id(idBytes)
        let arm = arms.id(armBytes)
        if Int(participant) == participantArm.count {
            participantArm.append(arm)
            participantLine.append(Int32(clamping: line))
            entries.append([])
            rows.append([])
        } else if participantArm[Int(participant)] != arm {
            problems.append(CSVImportError(
                .participantInTwoArms, file: file, line: line, column: columns.arm + 1,
                message: "participant '\(participants.names[Int(participant)])' is in arm '\(arms.names[Int(arm)])' here but in arm "
                    + "'\(arms.names[Int(participantArm[Int(participant)])])' on line \(participantLine[Int(participant)]); "
                    + "expected one arm per participant"))
            return
        }
        let row = Int32(acceptedRows)
        acceptedRows += 1
        for (position, column) in extraColumns.enumerated() {
            if record.isMissing(column) {
                extraCells[position].append(-1)
            } else if record.fields[column].hasDoubledQuotes {
                var text = record.string(column).trimmingCharacters(in: .whitespaces)
                extraCells[position].append(text.withUTF8 { extraValues[position].id(UnsafeRawBufferPointer($0)) })
            } else {
                extraCells[position].append(extraValues[position].id(record.trimmed(column)))
            }
        }
        guard outcome <= 0xFFFF, timepoint <= 0xFFFF else {
            problems.append(CSVImportError(.invalidValue, file: file, line: line, column: columns.outcome + 1,
                                           message: "more than 65,536 different outcomes or timepoints; expected fewer"))
            return
        }
        entries[Int(participant)].append(Entry(key: UInt32(outcome) << 16 | UInt32(timepoint), line: Int32(clamping: line), value: value))
        if recordsRows { rows[Int(participant)].append(row) }
    }

    /// Appends the rows `other` read from the rest of the same file (same header), as if this reader had
    /// read them after its own: names are re-interned in this reader's order of first appearance, entries and
    /// extra-column cells follow this reader's, and a participant met in both must be in the same arm.
    mutating func append(_ other: LongRowReader) {
        let participantMap = other.participants.names.map { participants.id($0) }
        let armMap = other.arms.names.map { arms.id($0) }
        let timepointMap = other.timepoints.names.map { timepoints.id($0) }
        let outcomeMap = other.outcomes.names.map { outcomes.id($0) }
        while outcomeRules.count < outcomes.names.count {
            outcomeRules.append(codebook?.valueRule(of: outcomes.names[outcomeRules.count]))
        }
        let extraMaps = extraColumns.indices.map { position in other.extraValues[position].names.map { extraValues[position].id($0) } }
        for position in extraColumns.indices {
            extraCells[position] += other.extraCells[position].map { $0 < 0 ? -1 : extraMaps[position][Int($0)] }
        }
        let rowOffset = Int32(acceptedRows)
        problems += other.problems
        for index in other.entries.indices {
            let participant = Int(participantMap[index])
            let arm = armMap[Int(other.participantArm[index])]
            if participant == participantArm.count {
                participantArm.append(arm)
                participantLine.append(other.participantLine[index])
                entries.append([])
                rows.append([])
            } else if participantArm[participant] != arm {
                problems.append(CSVImportError(
                    .participantInTwoArms, file: file, line: Int(other.participantLine[index]), column: columns.arm + 1,
                    message: "participant '\(participants.names[participant])' is in arm '\(arms.names[Int(arm)])' here but in arm "
                        + "'\(arms.names[Int(participantArm[participant])])' on line \(participantLine[participant]); expected one arm per participant"))
                continue
            }
            entries[participant] += other.entries[index].map { entry in
                Entry(key: UInt32(outcomeMap[Int(entry.key >> 16)]) << 16 | UInt32(timepointMap[Int(entry.key & 0xFFFF)]),
                      line: entry.line, value: entry.value)
            }
            if recordsRows { rows[participant] += other.rows[index].map { $0 + rowOffset } }
        }
        rowCount += other.rowCount
        acceptedRows += other.acceptedRows
        missingCells += other.missingCells
    }

    /// A value outside the codebook's scale, or not whole on an integer scale.
    func checkAgainstCodebook(_ value: Double, outcome: Int32, record: DelimitedText.Record) -> CSVImportError? {
        guard let rule = outcomeRules[Int(outcome)] else { return nil }
        let name = outcomes.names[Int(outcome)]
        var text: String { record.string(columns.value).trimmingCharacters(in: .whitespaces) }
        if let range = rule.range, !range.contains(value) {
            let written = text
            return CSVImportError(.invalidValue, file: file, line: record.line, column: columns.value + 1,
                                  message: "expected a '\(name)' value within its scale, \(Self.number(range.lowerBound)) to "
                                      + "\(Self.number(range.upperBound)) (codebook), found '\(written)'" + Self.naHint(written))
        }
        if rule.integer, value != value.rounded() {
            return CSVImportError(.invalidValue, file: file, line: record.line, column: columns.value + 1,
                                  message: "expected a whole number for '\(name)' (its scale has whole-number scores in the codebook), "
                                      + "found '\(text)'")
        }
        return nil
    }

    /// The numbers statistics packages and spreadsheets write for a missing value (-99, -999, -9999) are refused
    /// unless declared with `--na`, whatever the outcome, since no outcome of a trial takes them as a value.
    func checkNotACode(_ value: Double, record: DelimitedText.Record) -> CSVImportError? {
        guard value == -999 || value == -99 || value == -9999 else { return nil }
        let text = record.string(columns.value).trimmingCharacters(in: .whitespaces)
        return CSVImportError(.invalidValue, file: file, line: record.line, column: columns.value + 1,
                              message: "found '\(text)' in column 'value', a number written for a missing value by statistics packages "
                                  + "and spreadsheets, not a measurement" + Self.naHint(text))
    }

    static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }

    /// The hint that a code such as -999 may mark a missing value.
    static func naHint(_ text: String) -> String {
        "; if '\(text)' marks a missing value, declare it with --na '\(text)'"
    }

    /// Codes that spreadsheets and statistics packages write for a missing value.
    static let commonMissingCodes: Set<String> = [".", "-", "--", "?", "#N/A", "N/A", "n/a", "na", "NULL", "null", "missing", "#NULL!", "#VALUE!",
                                                  "-9", "-99", "-999", "-9999", "999", "9999"]

    func numberProblem(_ text: String, line: Int) -> CSVImportError {
        var kind = CSVImportError.Kind.notANumber
        var message = "expected a number in column 'value', found '\(text)'"
        do {
            _ = try NumericCell.parse(text, columnName: "value")
        } catch let problem as CellProblem {
            kind = problem.kind
            message = problem.message
        } catch {}
        if Self.commonMissingCodes.contains(text) || kind == .notANumber, !message.contains("decimal comma") {
            message += Self.naHint(text)
        }
        return CSVImportError(kind, file: file, line: line, column: columns.value + 1, message: message)
    }

    func unusedListedTimepoints() -> [CSVImportError] {
        guard let order = timepointOrder else { return [] }
        return order.filter { !timepoints.names.contains($0) }.map {
            CSVImportError(.timepointNotInData, file: file,
                           message: "timepoint '\($0)' given with --timepoints does not appear in the data "
                               + "(found: \(timepoints.names.joined(separator: ", ")))")
        }
    }

    /// Lays every participant's values out by cell (finding repeated measurements) and decides which extra
    /// columns are participant attributes (constant within every participant).
    mutating func assemble() -> (arms: [Arm], participantAttributes: Set<String>, problems: [(problem: CSVImportError, row: Int32)]) {
        var problems: [(problem: CSVImportError, row: Int32)] = []
        let participantLevel = extraColumns.indices.filter { position in
            rows.allSatisfy { list in
                var seen: Int32 = -1
                for row in list {
                    let value = extraCells[position][Int(row)]
                    if value < 0 { continue }
                    if seen >= 0, seen != value { return false }
                    seen = value
                }
                return true
            }
        }
        let participantNames = Set(participantLevel.map { header[extraColumns[$0]] })
        let measurementLevel = extraColumns.indices.filter { !participantLevel.contains($0) }
        let layout = ObservationLayout(outcomes: outcomes.names, timepoints: timepoints.names)
        var byArm: [[Participant]] = Array(repeating: [], count: arms.names.count)
        for index in entries.indices {
            var states = Array(repeating: ObservationCells.State.absent, count: layout.cellCount)
            var values = Array(repeating: 0.0, count: layout.cellCount)
            var lines = Array(repeating: Int32(0), count: layout.cellCount)
            var cellAttributes: [Int: [String: String]] = [:]
            for (k, entry) in entries[index].enumerated() {
                let cell = layout.cell(outcome: Int(entry.key >> 16), timepoint: Int(entry.key & 0xFFFF))
                if states[cell] != .absent {
                    problems.append((CSVImportError(
                        .duplicateMeasurement, file: file, line: Int(entry.line), column: columns.value + 1,
                        message: "participant '\(participants.names[index])' already has a '\(outcomes.names[Int(entry.key >> 16)])' value at "
                            + "'\(timepoints.names[Int(entry.key & 0xFFFF)])' on line \(lines[cell]); expected one row per participant, timepoint and outcome"),
                        recordsRows ? rows[index][k] : -1))
                    continue
                }
                states[cell] = entry.value.isNaN ? .missing : .present
                values[cell] = entry.value.isNaN ? 0 : entry.value
                lines[cell] = entry.line
                if !measurementLevel.isEmpty {
                    var attributes: [String: String] = [:]
                    let row = Int(rows[index][k])
                    for position in measurementLevel {
                        let value = extraCells[position][row]
                        if value >= 0 { attributes[header[extraColumns[position]]] = extraValues[position].names[Int(value)] }
                    }
                    if !attributes.isEmpty { cellAttributes[cell] = attributes }
                }
            }
            let cells = ObservationCells(layout: layout, states: states, values: values, lines: lines, attributes: cellAttributes)
            var attributes: [String: String?] = [:]
            for position in participantLevel {
                let column = extraCells[position]
                let first = rows[index].lazy.map { column[Int($0)] }.first { $0 >= 0 }
                attributes.updateValue(first.map { extraValues[position].names[Int($0)] }, forKey: header[extraColumns[position]])
            }
            byArm[Int(participantArm[index])].append(Participant(id: participants.names[index], arm: arms.names[Int(participantArm[index])],
                                                                 attributes: attributes, cells: cells))
            entries[index] = []
            if recordsRows { rows[index] = [] }
        }
        let armList = arms.names.indices.map { Arm(name: arms.names[$0], participants: byArm[$0]) }
        return (armList, participantNames, problems)
    }
}
