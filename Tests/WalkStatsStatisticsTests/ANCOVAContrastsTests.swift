import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// Pairwise baseline-adjusted contrasts against R's `emmeans(lm(post ~ pre + arm [+ age]), pairwise ~ arm,
/// adjust = "tukey")` (Fixtures/omnibus, emmeans 1.8.4), written later − earlier.
struct ANCOVAContrastsTests {
    @Test(arguments: OmnibusFixture.datasets, [false, true])
    func matchesEmmeans(_ dataset: String, withAge: Bool) throws {
        let participants = try #require(OmnibusFixture.participants[dataset])
        let levels = OmnibusFixture.arms(dataset)
        let contrasts = try ancovaPairwiseContrasts(
            followUp: participants.map(\.post), baseline: participants.map(\.pre), arm: participants.map(\.arm), levels: levels,
            covariates: withAge ? [Covariate(name: "age", values: .numeric(participants.map(\.age)))] : [])
        #expect(contrasts.count == levels.count * (levels.count - 1) / 2)
        let prefix = withAge ? "ancova_contrast_age/" : "ancova_contrast/"
        for contrast in contrasts {
            let key = prefix + contrast.arms.joined(separator: "-") + "/"
            func expected(_ field: String) throws -> Double { try #require(OmnibusFixture.value(dataset, key + field), "\(key)\(field)") }
            #expect(relativeError(contrast.estimate, try expected("estimate")) < 1e-10, "\(dataset) \(key) estimate")
            #expect(relativeError(contrast.standardError, try expected("se")) < 1e-10, "\(dataset) \(key) se")
            #expect(contrast.degreesOfFreedom == (try expected("df")))
            #expect(relativeError(contrast.statistic / 2.0.squareRoot(), try expected("t")) < 1e-10, "\(dataset) \(key) t")
            #expect(relativeError(contrast.unadjustedPValue, try expected("p_unadjusted")) < 1e-9, "\(dataset) \(key) p")
            // Tukey's p through R's ptukey, accurate to about 1e-8 at these df (see StudentizedRangeDistribution);
            // both compute the upper tail as 1 − P, so p below 1e-6 agrees only to about 1e-12 absolute.
            let tukey = try expected("p")
            #expect(abs(contrast.pValue - tukey) < max(1e-7 * tukey, 1e-11), "\(dataset) \(key) Tukey p")
            let width = contrast.confidenceInterval.upper - contrast.confidenceInterval.lower
            #expect(abs(contrast.confidenceInterval.lower - (try expected("exact_ci_low"))) < 1e-9 * width)
            #expect(abs(contrast.confidenceInterval.upper - (try expected("exact_ci_high"))) < 1e-9 * width)
            #expect(abs(contrast.confidenceInterval.lower - (try expected("ci_low"))) < 1e-5 * width, "emmeans's qtukey bound")
        }
    }

    @Test func fewerThanTwoArmsIsAnError() {
        #expect(throws: StatisticsError.insufficientObservations(what: "arms", needed: 2, got: 1)) {
            try ancovaPairwiseContrasts(followUp: [1, 2, 3], baseline: [1, 2, 4], arm: ["a", "a", "a"], levels: ["a"])
        }
    }
}
