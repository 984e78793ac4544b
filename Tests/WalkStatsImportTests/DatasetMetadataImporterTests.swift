import Foundation
import Testing
import WalkStatsImport
import WalkStatsModel

/// The dataset sidecar: optional keys read, wrong types refused with the file and key named.
struct DatasetMetadataImporterTests {
    func read(_ json: String) throws -> DatasetMetadata {
        try DatasetMetadataImporter.importMetadata(data: Data(json.utf8), file: "trial.metadata.json")
    }

    @Test func everyKeyIsOptional() throws {
        #expect(try read("{}") == DatasetMetadata(source: "trial.metadata.json"))
        let full = try read(#"{"design": "within", "timepoints": ["pre", "post"], "reference_arm": "usual_care", "simulated": true, "seed": 3}"#)
        #expect(full == DatasetMetadata(source: "trial.metadata.json", design: .within, timepoints: ["pre", "post"],
                                        referenceArm: "usual_care", simulated: true))
    }

    /// The simulator's `within_subject` is the sidecar's `within`.
    @Test func theSimulatorsDesignNameReadsAsWithin() throws {
        #expect(try read(#"{"design": "within_subject"}"#).design == .within)
        #expect(try read(#"{"design": "crossover"}"#).design == .crossover)
    }

    @Test func wrongTypesAreErrorsNamingTheKey() {
        let cases: [(String, String)] = [
            (#"{"design": "factorial"}"#, "expected 'design' to be one of parallel, within, crossover"),
            (#"{"timepoints": ["a", "a"]}"#, "expected 'timepoints' to be a list of distinct, non-empty names"),
            (#"{"timepoints": "a,b"}"#, "expected 'timepoints' to be a list"),
            (#"{"reference_arm": 3}"#, "expected 'reference_arm' to be an arm name"),
            (#"{"simulated": 1}"#, "expected 'simulated' to be true or false"),
            ("[1, 2]", "expected a JSON object"),
            ("not json", "expected a JSON object"),
        ]
        for (json, message) in cases {
            do {
                _ = try read(json)
                Issue.record("no error for \(json)")
            } catch let error as CSVImportError {
                #expect(error.file == "trial.metadata.json")
                #expect(error.description.contains(message), "\(error)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func theSidecarSitsNextToTheData() {
        #expect(DatasetMetadataImporter.sidecarPath(of: "data/trial.csv") == "data/trial.metadata.json")
    }
}
