import Foundation
import Testing
import WalkStatsTestSupport

/// The JSON output of `walkstats arguments` (run in `folder`) without what names the input or says how it was
/// read — `provenance`, `source`, `reading` — so that the same data read another way (a wide sheet, a workbook,
/// a dataset, an export) can be compared with the analysis of the long file. Records an issue when the command
/// fails.
func analysisJSON(_ arguments: [String], in folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> NSDictionary {
    let result = try runWalkstats(arguments, in: folder)
    #expect(result.status == 0, "\(arguments): \(result.standardError)", sourceLocation: sourceLocation)
    var json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
                            sourceLocation: sourceLocation)
    for key in ["provenance", "source", "reading"] { json[key] = nil }
    return json as NSDictionary
}
