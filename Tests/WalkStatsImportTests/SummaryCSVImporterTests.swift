import Foundation
import Testing
import WalkStatsImport
import WalkStatsModel

/// The summary importer: one row per study × arm × timepoint × outcome with exactly one way to get
/// the SD, and located errors for everything else.
struct SummaryCSVImporterTests {
    static let file = "summaries.csv"
    static let header = "study,arm,timepoint,outcome,n,mean,sd,se,ci_low,ci_high,median,q1,q3,min,max"

    private func summaries(_ text: String, scaleRanges: [String: ClosedRange<Double>] = [:],
                           twoArms: Bool = true, keepGoing: Bool = false) throws -> [ReportedSummary] {
        try SummaryCSVImporter(scaleRanges: scaleRanges, rejectsLoneArms: twoArms, keepGoing: keepGoing)
            .importSummaries(data: Data(text.utf8), file: Self.file)
    }

    private func failure(_ text: String, scaleRanges: [String: ClosedRange<Double>] = [:], twoArms: Bool = false,
                         sourceLocation: SourceLocation = #_sourceLocation) -> CSVImportError? {
        #expect(throws: CSVImportError.self, sourceLocation: sourceLocation) {
            try summaries(text, scaleRanges: scaleRanges, twoArms: twoArms)
        }
    }

    /// A row: the 15 columns of `header`, given by name (others empty).
    private func row(_ values: [String: String], study: String = "s", arm: String = "a", n: String = "20") -> String {
        var fields = ["study": study, "arm": arm, "timepoint": "post", "outcome": "pain_nrs", "n": n]
        fields.merge(values) { $1 }
        return Self.header.split(separator: ",").map { fields[String($0)] ?? "" }.joined(separator: ",")
    }

    /// A European export (`;`-separated, decimal commas, as R's `write.csv2`) reads as the same summaries.
    @Test func decimalCommaSummariesReadAsTheSame() throws {
        let plain = Self.header + "\n" + row(["mean": "4.5", "sd": "1.25"], arm: "a") + "\n" + row(["mean": "5", "sd": "2.5"], arm: "b") + "\n"
        let european = plain.split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: ".", with: ",") }.joined(separator: ";")
        }.joined(separator: "\n") + "\n"
        #expect(european.contains("4,5;1,25"))
        #expect(try summaries(european) == summaries(plain))
        #expect(try summaries(european).first?.mean == 4.5)
    }

    @Test func fixtureWithEveryWayToGetTheSD() throws {
        let rows = try SummaryCSVImporter().importSummaries(atPath: fixtureURL("summaries-every-spread.csv").path)
        #expect(rows.map(\.spread) == [
            .standardDeviation(2.0),
            .standardError(0.35),
            .confidenceInterval(lower: 9.1, upper: 10.5),
            .medianInterquartileRange(median: 10.2, q1: 9.0, q3: 12.1),
            .medianRange(median: 22, minimum: 11, maximum: 40),
            .medianRange(median: 18, minimum: 9, maximum: 35),
        ])
        #expect(rows.map(\.mean) == [3.9, 4.6, 9.8, nil, nil, 19.5])
        #expect(rows.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(rows[4].study == "trial-b" && rows[4].arm == "usual care" && rows[4].outcome == "womac_total")
        #expect(rows[4].source == "synthetic: text, p. 4")
        #expect(rows[0].unit == "NRS 0-10")
        #expect(rows[0].key == SummaryKey(study: "trial-a", arm: "retro", timepoint: "week6", outcome: "pain_nrs"))
    }

    /// The published abstract values (columns in another order, no optional spread columns).
    @Test func minimalColumnsInAnyOrder() throws {
        let rows = try summaries(lines(
            "sd,mean,n,outcome,timepoint,arm,study",
            "0.63,1.56,16,pain_nrs,week4,backward_plus_conventional,chen2021",
            "0.86,2.25,16,pain_nrs,week4,conventional,chen2021"))
        #expect(rows.map(\.n) == [16, 16])
        #expect(rows[1].spread == .standardDeviation(0.86))
        #expect(rows[1].unit == nil && rows[1].source == nil)
    }

    @Test(arguments: SummaryCSVImporter.requiredColumns)
    func missingRequiredColumn(name: String) {
        let header = SummaryCSVImporter.requiredColumns.filter { $0 != name }
        let error = failure(lines(header.joined(separator: ","), header.map { _ in "1" }.joined(separator: ",")))
        expectProblem(error, .missingColumn, file: Self.file, line: 1, column: nil,
                      says: ["expected the summary column '\(name)' in the header", "required: study, arm, timepoint, outcome, n, mean, sd"])
    }

    @Test func noWayToGetTheSD() {
        expectProblem(failure(lines(Self.header, row(["mean": "3"]))), .emptyField, file: Self.file, line: 2, column: 7,
                      says: ["expected sd, se, ci_low/ci_high, or median with q1/q3 or min/max; found none"])
    }

    @Test(arguments: [
        (["mean": "3", "sd": "1", "se": "0.2"], 8, "found sd and se"),
        (["mean": "3", "se": "0.2", "ci_low": "2", "ci_high": "4"], 10, "found se and ci_low/ci_high"),
        (["mean": "3", "sd": "1", "median": "3", "q1": "2", "q3": "4"], 13, "found sd and median/q1/q3"),
        (["median": "3", "q1": "2", "q3": "4", "min": "1", "max": "6"], 15, "scenario S2"),
    ])
    func moreThanOneWay(values: [String: String], column: Int, says: String) {
        expectProblem(failure(lines(Self.header, row(values))), .invalidValue, file: Self.file, line: 2, column: column,
                      says: ["expected exactly one of sd, se, ci_low/ci_high, or median with q1/q3 or min/max", says])
    }

    @Test func halfAPair() {
        expectProblem(failure(lines(Self.header, row(["mean": "3", "ci_low": "2"]))), .emptyField, file: Self.file,
                      line: 2, column: 10, says: ["expected both ci_low and ci_high, found ci_low = 2 but no ci_high"])
        expectProblem(failure(lines(Self.header, row(["median": "3", "q3": "4"]))), .emptyField, file: Self.file,
                      line: 2, column: 12, says: ["expected both q1 and q3, found q3 = 4 but no q1"])
        expectProblem(failure(lines(Self.header, row(["q1": "2", "q3": "4"]))), .emptyField, file: Self.file,
                      line: 2, column: 11, says: ["expected a median with q1/q3, found none"])
        expectProblem(failure(lines(Self.header, row(["median": "3"]))), .emptyField, file: Self.file,
                      line: 2, column: 11, says: ["expected q1/q3 or min/max with the median 3, found neither"])
    }

    @Test func meanRequiredUnlessMedian() {
        expectProblem(failure(lines(Self.header, row(["se": "0.4"]))), .invalidValue, file: Self.file, line: 2, column: 6,
                      says: ["expected a mean in column 'mean' (the SD comes from 'se'"])
    }

    @Test(arguments: [
        (["mean": "3", "sd": "-1"], 7, "expected a standard deviation ≥ 0 in column 'sd', found -1"),
        (["mean": "3", "se": "-0.2"], 8, "expected a standard error ≥ 0 in column 'se', found -0.2"),
        (["mean": "3", "ci_low": "4", "ci_high": "2"], 9, "expected ci_low ≤ ci_high, found ci_low = 4 > ci_high = 2"),
        (["mean": "5", "ci_low": "2", "ci_high": "4"], 6, "expected the mean inside its confidence interval 2…4, found 5"),
        (["median": "5", "q1": "2", "q3": "4"], 11, "expected the median between q1 and q3 (2…4), found 5"),
        (["median": "3", "q1": "4", "q3": "2"], 12, "expected q1 ≤ q3, found q1 = 4 > q3 = 2"),
        (["median": "0.5", "min": "1", "max": "6"], 11, "expected the median between min and max (1…6), found 0.5"),
        (["median": "3", "min": "6", "max": "1"], 14, "expected min ≤ max, found min = 6 > max = 1"),
    ])
    func invalidNumbers(values: [String: String], column: Int, says: String) {
        expectProblem(failure(lines(Self.header, row(values))), .invalidValue, file: Self.file, line: 2, column: column, says: [says])
    }

    @Test(arguments: [("1", "expected n ≥ 2 in column 'n'"), ("0", "found 0"), ("-3", "found -3")])
    func sampleSizeBelowTwo(n: String, says: String) {
        expectProblem(failure(lines(Self.header, row(["mean": "3", "sd": "1"], n: n))), .invalidValue, file: Self.file,
                      line: 2, column: 5, says: [says])
    }

    @Test func sampleSizeMustBeAWholeNumber() {
        expectProblem(failure(lines(Self.header, row(["mean": "3", "sd": "1"], n: "16.5"))), .invalidValue, file: Self.file,
                      line: 2, column: 5, says: ["expected a whole number in column 'n', found '16.5'"])
        expectProblem(failure(lines(Self.header, row(["mean": "3", "sd": "1"], n: ""))), .emptyField, file: Self.file,
                      line: 2, column: 5, says: ["expected a sample size in column 'n', found an empty field"])
        expectProblem(failure(lines(Self.header, row(["mean": "3", "sd": "one"]))), .notANumber, file: Self.file,
                      line: 2, column: 7, says: ["expected a number in column 'sd', found 'one'"])
    }

    /// With a codebook range (pain NRS 0…10) a mean, median, quartile or extreme outside it is an error.
    @Test func scaleRange() {
        let ranges: [String: ClosedRange<Double>] = ["pain_nrs": 0...10]
        expectProblem(failure(lines(Self.header, row(["mean": "11.5", "sd": "1"])), scaleRanges: ranges), .invalidValue,
                      file: Self.file, line: 2, column: 6, says: ["expected mean within the scale range 0…10 of 'pain_nrs', found 11.5"])
        expectProblem(failure(lines(Self.header, row(["median": "3", "min": "-1", "max": "8"])), scaleRanges: ranges),
                      .invalidValue, file: Self.file, line: 2, column: 14, says: ["expected min within the scale range 0…10"])
        // A CI bound may cross the scale's floor; the mean may sit on it.
        #expect((try? summaries(lines(Self.header, row(["mean": "0.3", "ci_low": "-0.1", "ci_high": "0.7"]),
                                      row(["mean": "0", "sd": "0"], arm: "b")), scaleRanges: ranges)) != nil)
    }

    @Test func duplicateRow() {
        let error = failure(lines(Self.header, row(["mean": "3", "sd": "1"]), row(["mean": "4", "sd": "1"], arm: "b"),
                                  row(["mean": "3.5", "sd": "1"])))
        expectProblem(error, .duplicateMeasurement, file: Self.file, line: 4, column: 1,
                      says: ["'s / a / post / pain_nrs' already has a row on line 2"])
    }

    /// A lone arm is an error when asked for (commands that compare arms ask); the check also runs on its own.
    @Test func singleArmComparison() throws {
        let text = lines(Self.header, row(["mean": "3", "sd": "1"]), row(["mean": "4", "sd": "1"], arm: "b"),
                         row(["mean": "3", "sd": "1"], study: "lonely"))
        let error = failure(text, twoArms: true)
        expectProblem(error, .invalidValue, file: Self.file, line: 4, column: 2,
                      says: ["comparison 'lonely / post / pain_nrs' has only one arm ('a')", "two conditions"])
        let rows = try summaries(text, twoArms: false)
        #expect(rows.count == 3)
        #expect(SummaryCSVImporter.loneArmProblems(rows, file: Self.file).map(\.line) == [4])
    }

    @Test func keepGoingCollectsEveryProblemInFileOrder() {
        let text = lines(Self.header, row(["mean": "3", "sd": "-1"]), row(["mean": "3"], arm: "b"), "s,c,post",
                         row(["mean": "3", "sd": "1", "se": "1"], arm: "d"))
        #expect(throws: CSVImportErrors.self) {
            try summaries(text, twoArms: false, keepGoing: true)
        }
        do {
            _ = try summaries(text, twoArms: false, keepGoing: true)
        } catch let errors as CSVImportErrors {
            #expect(errors.errors.map(\.line) == [2, 3, 4, 5])
            #expect(errors.errors.map(\.kind) == [.invalidValue, .emptyField, .raggedRow, .invalidValue])
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
