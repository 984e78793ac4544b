import Foundation
import WalkStatsModel

/// Reads a dataset's sidecar, `NAME.metadata.json` next to `NAME.csv` (the file `walkstats simulate`
/// writes): the optional keys `design` (`parallel`, `within`, `crossover`; the simulator's
/// `within_subject` reads as `within`), `timepoints` (a list of names), `reference_arm` and `simulated`.
/// Other keys (the simulator's seed, assumptions, …) are left to their readers. A key of the wrong type is
/// an error naming the file and the key.
public enum DatasetMetadataImporter {
    /// The sidecar path of a data file: its name with the extension replaced by `.metadata.json`.
    public static func sidecarPath(of dataPath: String) -> String {
        (dataPath as NSString).deletingPathExtension + ".metadata.json"
    }

    /// The sidecar of the data file at `dataPath`, or `nil` when there is none.
    /// - Throws: ``CSVImportError`` (kind `invalidValue`) when the sidecar is not a JSON object or a key has
    ///   the wrong type or value.
    public static func importMetadata(nextTo dataPath: String) throws -> DatasetMetadata? {
        let path = sidecarPath(of: dataPath)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try importMetadata(data: InputFile.read(path), file: path)
    }

    /// The metadata in `data`, read from `file`.
    public static func importMetadata(data: Data, file: String) throws -> DatasetMetadata {
        func problem(_ message: String) -> CSVImportError { CSVImportError(.invalidValue, file: file, message: message) }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw problem("expected a JSON object (the dataset's metadata)")
        }
        var design: DatasetMetadata.Design?
        if let value = object["design"] {
            guard let text = value as? String,
                  let parsed = DatasetMetadata.Design(rawValue: text == "within_subject" ? "within" : text) else {
                throw problem("expected 'design' to be one of \(DatasetMetadata.Design.allCases.map(\.rawValue).joined(separator: ", ")), "
                    + "found \(value)")
            }
            design = parsed
        }
        var timepoints: [String]?
        if let value = object["timepoints"] {
            guard let names = value as? [String], !names.isEmpty, !names.contains(""), Set(names).count == names.count else {
                throw problem("expected 'timepoints' to be a list of distinct, non-empty names")
            }
            timepoints = names
        }
        var reference: String?
        if let value = object["reference_arm"] {
            guard let name = value as? String, !name.isEmpty else { throw problem("expected 'reference_arm' to be an arm name") }
            reference = name
        }
        var simulated: Bool?
        if let value = object["simulated"] {
            guard let flag = value as? NSNumber, String(cString: flag.objCType) == "c" else {
                throw problem("expected 'simulated' to be true or false")
            }
            simulated = flag.boolValue
        }
        return DatasetMetadata(source: file, design: design, timepoints: timepoints, referenceArm: reference, simulated: simulated)
    }
}
