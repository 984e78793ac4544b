import Foundation
import Testing
import WalkStatsImport
import WalkStatsModel

struct PrintedResultsCSVImporterTests {
    static let header = "study,comparison,outcome,measure,value,ci_low,ci_high,p_value,p_reported_as,k_studies,model,source\n"

    @Test func readsTheSharedPublishedFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("datasets/published/reported-results.csv")
        let results = try PrintedResultsCSVImporter.importResults(atPath: url.path)
        #expect(results.count == 14)
        let lin = try #require(results.first { $0.study == "lin2025" && $0.outcome == "pain" })
        #expect(lin.numericValue == -0.997 && lin.ciLow == -1.373 && lin.ciHigh == -0.620 && lin.kStudies == 13)
        let alghadir = try #require(results.first { $0.study == "alghadir2019" && $0.outcome == "pain_nrs" })
        #expect(alghadir.value == "1.8 vs 1" && alghadir.numericValue == nil && alghadir.pValue == 0.01)
        #expect(alghadir.domain == nil)
        #expect(results.first { $0.study == "lin2025" && $0.outcome == "disability" }?.domain == .function)
    }

    /// The optional `domain` column: one of the codebook's domains, or empty; anything else names its cell.
    @Test func domainColumn() throws {
        let header = "study,comparison,outcome,measure,value,domain,source\n"
        let results = try PrintedResultsCSVImporter.importResults(
            data: Data((header + "s,a vs b,walking speed,md,0.1,function,src\ns,a vs b,pain,g,1,,src\n").utf8), file: "test.csv")
        #expect(results.map(\.domain) == [.function, nil])
        #expect(throws: CSVImportError.self) {
            try PrintedResultsCSVImporter.importResults(data: Data((header + "s,a vs b,gait,md,0.1,walking,src\n").utf8), file: "test.csv")
        }
        do {
            _ = try PrintedResultsCSVImporter.importResults(data: Data((header + "s,a vs b,gait,md,0.1,walking,src\n").utf8), file: "test.csv")
        } catch {
            #expect("\(error)".hasPrefix("test.csv:2:6: expected one of pain, function, strength, global, other"), "\(error)")
        }
    }

    @Test func invertedIntervalAndBadPValueAreLocated() {
        for (row, message) in [("s,a vs b,pain,g,1,2,1,,,,,src", "test.csv:2:6: expected ci_low ≤ ci_high"),
                               ("s,a vs b,pain,g,1,,,1.5,,,,src", "test.csv:2:8: expected a p-value between 0 and 1"),
                               ("s,a vs b,pain,g,1,,,,,2.5,,src", "test.csv:2:10: expected a whole number of studies")] {
            do {
                _ = try PrintedResultsCSVImporter.importResults(data: Data((Self.header + row + "\n").utf8), file: "test.csv")
                Issue.record("expected an error for \(row)")
            } catch {
                #expect("\(error)".hasPrefix(message), "\(error)")
            }
        }
    }
}
