import Foundation
import WalkStats

/// The codebook a command uses, in one place for every command: the built-in one (``BuiltInCodebook``),
/// overridden outcome by outcome by a `codebook.csv` next to the data file, then by `--codebook PATH`.
/// A later file's row for an outcome replaces the earlier row entirely (``Codebook/overriding(with:)``).
struct CodebookLayers {
    /// A user codebook file laid over the built-in one.
    struct Layer {
        /// The path as given (or as looked up next to the data).
        let path: String
        /// Its SHA-256, lower-case hex.
        let sha256: String
        /// Outcomes it redefines, in its order.
        let replaced: [String]
        /// Outcomes it adds, in its order.
        let added: [String]
    }

    /// The merged codebook.
    let codebook: Codebook
    /// The user files, in the order applied.
    let layers: [Layer]

    /// The file a codebook next to `dataFile` has: `codebook.csv` in the same folder.
    static func sidecarPath(of dataFile: String) -> String {
        let folder = (dataFile as NSString).deletingLastPathComponent
        return folder.isEmpty ? "codebook.csv" : (folder as NSString).appendingPathComponent("codebook.csv")
    }

    /// The user codebook files a command reads for `dataFile`: its sidecar `codebook.csv` when it exists,
    /// then `given` (`--codebook`), which must exist; the same file is read once.
    static func userPaths(dataFile: String, given: String?) -> [String] {
        let sidecar = sidecarPath(of: dataFile)
        let found = FileManager.default.fileExists(atPath: sidecar) ? [sidecar] : []
        guard let given else { return found }
        let same = found.contains { ($0 as NSString).standardizingPath == (given as NSString).standardizingPath }
        return (same ? [] : found) + [given]
    }

    /// Loads the built-in codebook and lays the user files over it.
    /// - Throws: ``CSVImportError`` naming file, line and column for a broken user codebook.
    static func load(dataFile: String, given: String?) throws -> CodebookLayers {
        var codebook = try BuiltInCodebook.codebook.get()
        var layers: [Layer] = []
        for path in userPaths(dataFile: dataFile, given: given) {
            let user = try CodebookCSVImporter.importCodebook(atPath: path)
            let known = Set(codebook.definitions.map(\.id))
            let ids = user.definitions.map(\.id)
            layers.append(Layer(path: path, sha256: try SHA256.hex(ofFileAt: path),
                                replaced: ids.filter { known.contains($0) }, added: ids.filter { !known.contains($0) }))
            codebook = codebook.overriding(with: user)
        }
        return CodebookLayers(codebook: codebook, layers: layers)
    }

    /// Which codebook labelled a report, in words: "built-in (SHA-256 `…`)", and for each user file what it
    /// changed, e.g. "overridden for `pain_nrs`, `tug` by `data/codebook.csv` (SHA-256 `…`)".
    var description: String {
        var text = "built-in (SHA-256 `\(BuiltInCodebook.sha256)`)"
        for layer in layers {
            func names(_ ids: [String]) -> String { ids.map { "`\($0)`" }.joined(separator: ", ") }
            let changes = (layer.replaced.isEmpty ? [] : ["overridden for \(names(layer.replaced))"])
                + (layer.added.isEmpty ? [] : ["extended with \(names(layer.added))"])
            text += ", " + (changes.isEmpty ? "unchanged" : changes.joined(separator: " and "))
                + " by `\(layer.path)` (SHA-256 `\(layer.sha256)`)"
        }
        return text
    }
}
