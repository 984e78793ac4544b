import Testing
import WalkStats
import WalkStatsTestSupport

/// Every Wilcoxon number WalkStats computes for the fixture datasets, compared with R 4.2.2
/// (`Fixtures/nonparametric/generate.R`): the same set of fields (a field R leaves undefined must be
/// missing here too), R's method string, and relative error below 1e-6 on every value, including the
/// estimates and intervals R finds with `uniroot(tol = 1e-4)`: WalkStats runs the same search and,
/// given the same function values, lands on the same point.
///
/// One exception: GSL's `gsl_cdf_ugaussian_Pinv` and R's `qnorm` (both Wichura's AS 241) can differ in
/// the last bit in the central region (probabilities 0.075 … 0.925, that is two-sided levels below 0.85).
/// The search target then differs by one ulp, which can send the search over the step function down a
/// different path; both answers are then within R's tolerance of the step, so root-found numbers of the
/// normal approximation at such levels are compared at 1e-4 relative (R's `tol.root`).
struct WilcoxonReferenceTests {
    typealias Fixture = NonparametricFixture

    @Test func fixtureRecordsRVersionAndEveryDataset() {
        #expect(Fixture.reference.provenance.contains { $0.hasPrefix("R.version.string: R version 4.2.2") })
        let datasets = Set(Fixture.reference.values.keys)
        for name in Fixture.paired.keys { #expect(datasets.contains("signed/\(name)"), "no R values for paired \(name)") }
        for name in Fixture.twoSample.keys { #expect(datasets.contains("ranksum/\(name)"), "no R values for two-sample \(name)") }
        #expect(Fixture.paired.count >= 60 && Fixture.twoSample.count >= 70)
    }

    /// R: wilcox.test(x, y, paired = TRUE, conf.int = TRUE, <variant>) for every dataset of paired.csv.
    @Test(arguments: Fixture.paired.keys.sorted())
    func signedRankMatchesR(dataset: String) throws {
        let data = Fixture.paired[dataset]!
        for variant in Fixture.variants {
            let expected = Fixture.expected("signed/\(dataset)", variant)
            #expect(!expected.isEmpty, "\(dataset) \(variant): no R values")
            if expected["p_value_is_nan"] != nil {
                #expect(throws: StatisticsError.self, "\(dataset) \(variant): R's p-value is NaN") {
                    try wilcoxonSignedRankTest(to: data.x, from: data.y, confidenceLevel: variant.confidenceLevel,
                                               exact: variant.exact, continuityCorrection: variant.continuityCorrection)
                }
                continue
            }
            let result = try wilcoxonSignedRankTest(to: data.x, from: data.y, confidenceLevel: variant.confidenceLevel,
                                                    exact: variant.exact, continuityCorrection: variant.continuityCorrection)
            #expect(result.name == .wilcoxonSignedRank && result.degreesOfFreedom == nil)
            compare(Fixture.fields(of: result, sizes: ["n": result.sampleSizes[0]]), expected, "\(dataset) \(variant)",
                    rootTolerance: Self.rootTolerance(result))
        }
    }

    /// R: wilcox.test(a, b, conf.int = TRUE, <variant>) for every dataset of two-sample.csv.
    @Test(arguments: Fixture.twoSample.keys.sorted())
    func rankSumMatchesR(dataset: String) throws {
        let data = Fixture.twoSample[dataset]!
        for variant in Fixture.variants {
            let expected = Fixture.expected("ranksum/\(dataset)", variant)
            #expect(!expected.isEmpty, "\(dataset) \(variant): no R values")
            let result = try mannWhitneyTest(data.a, data.b, confidenceLevel: variant.confidenceLevel,
                                             exact: variant.exact, continuityCorrection: variant.continuityCorrection)
            #expect(result.name == .mannWhitney && result.degreesOfFreedom == nil)
            var computed = Fixture.fields(of: result, sizes: ["n_a": result.sampleSizes[0], "n_b": result.sampleSizes[1]])
            // Where R stops while computing the interval, WalkStats returns the test without estimate and interval.
            if result.estimate == nil, result.confidenceInterval == nil { computed["error_with_conf_int"] = 1 }
            compare(computed, expected, "\(dataset) \(variant)", rootTolerance: Self.rootTolerance(result))
        }
    }

    /// 1e-6, or 1e-4 for a normal-approximation search whose target quantile lies in AS 241's central region.
    static func rootTolerance(_ result: HypothesisTestResult) -> Double {
        guard !result.method.contains("exact"), let level = result.confidenceInterval?.level else { return 1e-6 }
        return (1 - level) / 2 > 0.075 ? 1e-4 : 1e-6
    }

    private func compare(_ computed: [String: Double], _ expected: [String: Double], _ label: String, rootTolerance: Double) {
        #expect(Set(computed.keys).subtracting(expected.keys).sorted() == [], "\(label): fields WalkStats has but R does not")
        #expect(Set(expected.keys).subtracting(computed.keys).sorted() == [], "\(label): fields R has but WalkStats does not")
        for (key, value) in expected.sorted(by: { $0.key < $1.key }) {
            guard let actual = computed[key] else { continue }
            let tolerance = ["estimate", "ci_low", "ci_high"].contains(key) ? rootTolerance : 1e-6
            #expect(relativeError(actual, value) < tolerance, "\(label) \(key): WalkStats \(actual), R \(value)")
        }
    }
}
