import Foundation
import WalkStatsModel

/// Reads a study sheet: one row per study with `study,citation,doi,design,duration` into
/// ``StudyDescription`` values.
///
/// *Columns* (any order; others ignored): `study` (the id used in summary files), `citation` and
/// `design` are required; `doi` and `duration` are optional columns and may be empty.
///
/// - `design` is `parallel` or `within_subject` (case, `-` and spaces are forgiven: `Within-subject`
///   reads as `within_subject`).
/// - `doi` is a DOI such as `10.1155/2021/5574966`; a `https://doi.org/` or `doi:` prefix is removed.
///
/// *Validation*, each error naming file, line, column and what was expected: a required column
/// missing, an empty study id or citation, an unknown design, something that is not a DOI, a study id
/// given twice. The first problem is thrown, or with ``keepGoing`` all of them as ``CSVImportErrors``.
public struct StudySheetImporter: Sendable {
    /// The columns every study sheet must have.
    public static let requiredColumns = ["study", "citation", "design"]
    /// The optional columns the importer reads.
    public static let optionalColumns = ["doi", "duration"]

    /// Whether to collect every problem instead of stopping at the first.
    public var keepGoing: Bool

    /// Creates an importer.
    public init(keepGoing: Bool = false) {
        self.keepGoing = keepGoing
    }

    /// Imports the study sheet at `path`.
    /// - Throws: ``CSVImportError`` (or ``CSVImportErrors`` with ``keepGoing``) for any problem.
    public func importStudies(atPath path: String) throws -> [StudyDescription] {
        try importStudies(data: InputFile.read(path), file: path)
    }

    /// Imports study-sheet CSV `data`; `file` names it in messages.
    /// - Throws: ``CSVImportError`` (or ``CSVImportErrors`` with ``keepGoing``) for any problem.
    public func importStudies(data: Data, file: String) throws -> [StudyDescription] {
        let table = try CSVTable(data: data, file: file)
        var collector = ProblemCollector(keepGoing: keepGoing)
        let columns = try CSVRowFields.columnIndices(table, required: Self.requiredColumns,
                                                     optional: Self.optionalColumns, what: "study sheet")
        var studies: [StudyDescription] = []
        var firstLine: [String: Int] = [:]
        try collector.check(table) { record in
            let fields = CSVRowFields(record: record, columns: columns, file: file, decimalComma: table.decimalComma)
            let study = try readStudy(fields)
            if let first = firstLine[study.id] {
                throw fields.problem(.duplicateMeasurement, "study",
                                     "study '\(study.id)' is described twice (also on line \(first)); expected one row per study")
            }
            firstLine[study.id] = record.line
            studies.append(study)
            return []
        }
        try collector.finish()
        return studies
    }

    private func readStudy(_ fields: CSVRowFields) throws -> StudyDescription {
        let id = try fields.identifier("study", what: "a study id")
        let citation = try fields.identifier("citation", what: "a citation")
        let designText = fields.text("design")
        let normalised = designText.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        guard let design = StudyDesign(rawValue: normalised) else {
            throw fields.problem(.invalidValue, "design",
                                 "expected 'parallel' or 'within_subject' in column 'design', found '\(designText)'")
        }
        return StudyDescription(id: id, citation: citation, doi: try Self.doi(fields), design: design,
                                duration: fields.optionalText("duration"))
    }

    /// The DOI without resolver prefix, or nil when the cell is empty.
    private static func doi(_ fields: CSVRowFields) throws -> String? {
        guard let text = fields.optionalText("doi") else { return nil }
        var doi = text
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"] {
            if doi.lowercased().hasPrefix(prefix) {
                doi = String(doi.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                break
            }
        }
        let parts = doi.split(separator: "/", maxSplits: 1)
        guard doi.hasPrefix("10."), parts.count == 2, parts[0].count > 3, !doi.contains(where: \.isWhitespace) else {
            throw fields.problem(.invalidValue, "doi", "expected a DOI such as 10.1155/2021/5574966 in column 'doi', found '\(text)'")
        }
        return doi
    }
}
