import Foundation
import Testing
import WalkStatsImport
import WalkStatsModel

/// The codebook compiled into `walkstats` is `datasets/codebook.csv` byte for byte, and user codebooks lay
/// over it outcome by outcome.
struct BuiltInCodebookTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("datasets/codebook.csv")

    /// Fails whenever `datasets/codebook.csv` is edited without regenerating the Swift source.
    @Test func generatedSourceMatchesDatasetsCodebook() throws {
        let bytes = try Data(contentsOf: Self.shipped)
        let stale = "Sources/WalkStatsImport/BuiltInCodebook.swift differs from datasets/codebook.csv: run `make codebook-source`"
        #expect(Data(BuiltInCodebook.csv.utf8) == bytes, Comment(rawValue: stale))
        #expect(BuiltInCodebook.sha256 == SHA256.hex(of: bytes), Comment(rawValue: stale))
        #expect(try BuiltInCodebook.codebook.get() == CodebookCSVImporter.importCodebook(atPath: Self.shipped.path))
        #expect(try BuiltInCodebook.codebook.get().definition(of: "pain_nrs")?.label == "Knee pain, numeric rating scale 0-10")
    }

    private func codebook(_ rows: String) throws -> Codebook {
        try CodebookCSVImporter.importCodebook(data: Data(("outcome,label,unit,better,mcid,mcid_percent,mcid_source\n" + rows).utf8),
                                               file: "user.csv")
    }

    /// A later row replaces the earlier row entirely (an empty mcid means none), other outcomes keep theirs, and
    /// new outcomes follow in the later file's order.
    @Test func overridingReplacesWholeRowsOutcomeByOutcome() throws {
        let base = try codebook("pain_nrs,Pain,NRS,lower,1,15,Salaffi\ntug,TUG,s,lower,,,none\nspeed,Speed,m/s,higher,0.05,,Perera\n")
        let user = try codebook("grip,Grip,kg,higher,,,none\npain_nrs,Site pain,NRS 0-10,lower,,,site protocol\n")
        let merged = base.overriding(with: user)
        #expect(merged.definitions.map(\.id) == ["pain_nrs", "tug", "speed", "grip"])
        let pain = try #require(merged.definition(of: "pain_nrs"))
        #expect(pain == user.definition(of: "pain_nrs"))
        #expect(pain.label == "Site pain" && pain.mcid == nil && pain.responderThresholds.isEmpty && pain.mcidSource == "site protocol")
        #expect(merged.definition(of: "tug") == base.definition(of: "tug"))
        #expect(merged.definition(of: "speed")?.mcid == 0.05)
        #expect(merged.definition(of: "grip")?.better == .higher)
        #expect(base.overriding(with: Codebook(definitions: [])) == base)
        #expect(Codebook(definitions: []).overriding(with: base) == base)
    }

    /// A user codebook may leave every threshold column empty.
    @Test func userCodebookMayLeaveThresholdsEmpty() throws {
        let user = try codebook("pain_nrs,Pain,NRS,lower,,,\n")
        #expect(user.definition(of: "pain_nrs")?.mcid == nil)
        #expect(user.definition(of: "pain_nrs")?.responderThresholds.isEmpty == true)
    }
}
