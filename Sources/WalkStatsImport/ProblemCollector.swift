/// Applies the import's error policy in one place: stop at the first problem, or (with `keepGoing`)
/// collect every problem and fail at the end with the whole list.
struct ProblemCollector {
    let keepGoing: Bool
    private(set) var problems: [CSVImportError] = []

    init(keepGoing: Bool) {
        self.keepGoing = keepGoing
    }

    /// Records `problem`; throws it at once unless the import keeps going.
    mutating func record(_ problem: CSVImportError) throws {
        guard keepGoing else { throw problem }
        problems.append(problem)
    }

    /// Checks every well-formed record of `table` with `check` in file order, recording the problems it
    /// returns or throws, and records the table's ragged rows at their place among them — so the first
    /// problem thrown (or the order of the list) follows the file, whatever the kind of problem.
    mutating func check(_ table: CSVTable, _ check: (CSVRecord) throws -> [CSVImportError]) throws {
        var raggedRows = table.problems[...]
        for record in table.records {
            while let ragged = raggedRows.first, (ragged.line ?? 0) < record.line {
                try self.record(ragged)
                raggedRows.removeFirst()
            }
            do {
                for problem in try check(record) { try self.record(problem) }
            } catch let problem as CSVImportError {
                try self.record(problem)
            }
        }
        for problem in raggedRows { try self.record(problem) }
    }

    /// Throws every collected problem, if there is any.
    func finish() throws {
        if !problems.isEmpty { throw CSVImportErrors(problems) }
    }
}
