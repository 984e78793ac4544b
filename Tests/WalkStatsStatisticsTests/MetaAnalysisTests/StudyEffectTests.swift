import Testing
import WalkStats
import WalkStatsTestSupport

/// Effect sizes from group summaries against R 4.2.2 with metafor 3.8-1
/// (`Fixtures/meta-analysis/generate.R`, keys `escalc/<i>/yi|vi`).
struct StudyEffectTests {
    typealias Fixture = MetaAnalysisFixture

    /// R: escalc(measure = "MD" / "SMD", m1i, sd1i, n1i, m2i, sd2i, n2i) on dat.normand1999 and
    /// dat.curtis1998: yi and vi of every study at 1e-12 relative (measured 1.1e-13: J = exp(lgamma(m/2) −
    /// log √(m/2) − lgamma((m − 1)/2)) cancels digits of lgamma ≈ 600 when m = 309).
    @Test(arguments: Fixture.summaryDatasets, EffectMeasure.allCases)
    func matchesEscalc(dataset: String, measure: EffectMeasure) throws {
        let name = "\(dataset)-\(measure.rawValue.lowercased())"
        let effects = try Fixture.effects(name)
        let summaries = Fixture.summaries[dataset]!
        #expect(effects.count == summaries.count)
        let expected = Fixture.values(name, prefix: "escalc")
        #expect(expected.count == 2 * effects.count)
        for (i, effect) in effects.enumerated() {
            #expect(effect.study == summaries[i].study)
            for (field, ours) in [("yi", effect.yi), ("vi", effect.vi)] {
                let theirs = try #require(expected["\(i + 1)/\(field)"])
                #expect(relativeError(ours, theirs) < 1e-12, "\(name) study \(i + 1) \(field): \(ours) vs escalc \(theirs)")
            }
        }
    }

    /// Hand-checked: MD = 2 − 1 with vi = 1/4 + 4/9; SMD with n = 2 + 2 (m = 2, J = 1/√π).
    @Test func formulas() throws {
        let md = try studyEffect(study: "x", measure: .md, meanA: 2, sdA: 1, nA: 4, meanB: 1, sdB: 2, nB: 9)
        #expect(md == StudyEffect(study: "x", yi: 1, vi: 1.0 / 4 + 4.0 / 9))
        let smd = try studyEffect(study: "y", measure: .smd, meanA: 5, sdA: 1, nA: 2, meanB: 4, sdB: 1, nB: 2)
        let g = 1 / Double.pi.squareRoot()
        #expect(relativeError(smd.yi, g) < 1e-14)
        #expect(relativeError(smd.vi, 0.5 + 0.5 + g * g / 8) < 1e-14)
    }

    @Test func invalidInputThrows() {
        #expect(throws: StatisticsError.insufficientObservations(what: "participants in group B of study 's'", needed: 2, got: 1)) {
            try studyEffect(study: "s", measure: .md, meanA: 1, sdA: 1, nA: 5, meanB: 0, sdB: 1, nB: 1)
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "participants in group A of study 's'", needed: 2, got: 0)) {
            try studyEffect(study: "s", measure: .smd, meanA: 1, sdA: 1, nA: 0, meanB: 0, sdB: 1, nB: 4)
        }
        #expect(throws: StatisticsError.invalidRequest("study 's': the standard deviation of group A is -1.0; standard deviations must be ≥ 0")) {
            try studyEffect(study: "s", measure: .md, meanA: 1, sdA: -1, nA: 5, meanB: 0, sdB: 1, nB: 5)
        }
        #expect(throws: StatisticsError.invalidRequest("study 's': both standard deviations are 0, so its SMD has no sampling variance")) {
            try studyEffect(study: "s", measure: .smd, meanA: 1, sdA: 0, nA: 5, meanB: 0, sdB: 0, nB: 5)
        }
        #expect(throws: StatisticsError.invalidRequest("study 's': both standard deviations are 0, so its MD has no sampling variance")) {
            try studyEffect(study: "s", measure: .md, meanA: 1, sdA: 0, nA: 5, meanB: 0, sdB: 0, nB: 5)
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the means and standard deviations of study 's'")) {
            try studyEffect(study: "s", measure: .md, meanA: .nan, sdA: 1, nA: 5, meanB: 0, sdB: 1, nB: 5)
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the means and standard deviations of study 's'")) {
            try studyEffect(study: "s", measure: .smd, meanA: 1, sdA: .infinity, nA: 5, meanB: 0, sdB: 1, nB: 5)
        }
    }

    /// One zero SD is allowed (metafor too): MD then carries only the other group's variance.
    @Test func oneZeroStandardDeviationIsAllowed() throws {
        let md = try studyEffect(study: "s", measure: .md, meanA: 3, sdA: 0, nA: 5, meanB: 1, sdB: 2, nB: 8)
        #expect(md.vi == 0.5)
    }
}
