import Testing
import WalkStatsGSL

/// GSL's default handler would abort the whole test run on these inputs; WalkStats must throw instead.
struct GSLRuntimeTests {
    @Test func invalidDegreesOfFreedomThrows() {
        #expect(throws: GSLError.self) { try StudentTDistribution(degreesOfFreedom: 0) }
        #expect(throws: GSLError.self) { try StudentTDistribution(degreesOfFreedom: .nan) }
    }

    @Test func probabilityOutsideUnitIntervalThrows() throws {
        let t = try StudentTDistribution(degreesOfFreedom: 10)
        #expect(throws: GSLError.self) { try t.quantile(1.5) }
        #expect(throws: GSLError.self) { try t.cumulativeProbability(.nan) }
    }

    /// R: pt(2, 10) = 0.96330598261462974; qt(0.975, 10) = 2.2281388519862739; pt(-40, 5, lower = FALSE).
    @Test func studentTMatchesR() throws {
        let t = try StudentTDistribution(degreesOfFreedom: 10)
        #expect(abs(try t.cumulativeProbability(2) - 0.96330598261462974) < 1e-15)
        #expect(abs(try t.quantile(0.975) - 2.2281388519862739) / 2.2281388519862739 < 1e-14)
        #expect(try t.quantile(1) == .infinity)
    }

    @Test func degenerateSamplesThrowInsteadOfSilentAnswers() {
        #expect(throws: GSLError.self) { try SampleStatistics.mean([]) }
        #expect(throws: GSLError.self) { try SampleStatistics.standardDeviation([3]) }
        #expect(throws: GSLError.self) { try SampleStatistics.mean([1, .infinity]) }
    }
}

/// The linked GSL reports its version (Debian 12 ships 2.7.1); it is what `--version` and report provenance print.
@Test func gslReportsItsVersion() {
    let parts = GSLRuntime.libraryVersion.split(separator: ".")
    #expect(parts.count >= 2 && parts.allSatisfy { Int($0) != nil }, "\(GSLRuntime.libraryVersion)")
}
