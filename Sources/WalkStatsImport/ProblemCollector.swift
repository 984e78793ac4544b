/// Applies the import's error policy in one place: stop at the first problem, or (with `keepGoing`)
/// collect every problem and fail at the end with the whole list.
struct ProblemCollector {
    let keepGoing: Bool
    private(set) var problems: [CSVImportError] = []

    init(keepGoing: Bool, problems: [CSVImportError] = []) {
        self.keepGoing = keepGoing
        self.problems = problems
    }

    /// Records `problem`; throws it at once unless the import keeps going.
    mutating func record(_ problem: CSVImportError) throws {
        guard keepGoing else { throw problem }
        problems.append(problem)
    }

    /// Throws every collected problem, if there is any.
    func finish() throws {
        if !problems.isEmpty { throw CSVImportErrors(problems) }
    }
}
