import Testing
import WalkStats
import WalkStatsTestSupport

/// Degenerate inputs: where R stops or returns a NaN p-value the Wilcoxon tests throw a clear
/// ``StatisticsError``; where R returns a p-value without an interval the result has none. What R does
/// with each input is recorded by `Fixtures/nonparametric/generate.R` (datasets `edge/…`), so these
/// tests fail if R's behaviour and WalkStats' documented mapping drift apart.
struct WilcoxonEdgeCaseTests {
    typealias Fixture = NonparametricFixture

    static func rBehaviour(_ edgeCase: String) -> String? {
        Fixture.reference.values["edge/\(edgeCase)"]?.keys.first
    }

    /// R: wilcox.test(numeric(0), numeric(0), paired = TRUE) stops: "not enough (non-missing) 'x' observations".
    @Test func signedRankWithoutPairsThrows() {
        #expect(Self.rBehaviour("signed-empty") == "error")
        #expect(throws: StatisticsError.insufficientObservations(what: "pairs", needed: 1, got: 0)) {
            try wilcoxonSignedRankTest(to: [], from: [])
        }
    }

    /// R: wilcox.test(c(1, 2, 3), c(1, 2, 3), paired = TRUE) and wilcox.test(4, 4, paired = TRUE) give
    /// V = 0 with p-value NaN: fewer than 1 non-zero difference.
    @Test func signedRankWithoutNonZeroDifferencesThrows() {
        #expect(Self.rBehaviour("signed-all-zero") == "p_value_is_nan")
        #expect(Self.rBehaviour("signed-single-zero") == "p_value_is_nan")
        for exact in [nil, true, false] as [Bool?] {
            #expect(throws: StatisticsError.insufficientObservations(what: "non-zero differences", needed: 1, got: 0)) {
                try wilcoxonSignedRankTest(to: [1, 2, 3], from: [1, 2, 3], exact: exact)
            }
            #expect(throws: StatisticsError.insufficientObservations(what: "non-zero differences", needed: 1, got: 0)) {
                try wilcoxonSignedRankTest(to: [4], from: [4], exact: exact)
            }
        }
    }

    /// R: wilcox.test(numeric(0), c(1, 2)) and wilcox.test(c(1, 2), numeric(0)) stop.
    @Test func rankSumWithAnEmptySampleThrows() {
        #expect(Self.rBehaviour("ranksum-empty-a") == "error")
        #expect(Self.rBehaviour("ranksum-empty-b") == "error")
        #expect(throws: StatisticsError.insufficientObservations(what: "values in the first sample", needed: 1, got: 0)) {
            try mannWhitneyTest([], [1, 2])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "values in the second sample", needed: 1, got: 0)) {
            try mannWhitneyTest([1, 2], [])
        }
    }

    /// R: wilcox.test(c(2, 2, 2), c(2, 2)) gives p-value NaN: every value identical.
    @Test func rankSumOfIdenticalValuesThrows() {
        #expect(Self.rBehaviour("ranksum-all-same") == "p_value_is_nan")
        #expect(throws: StatisticsError.zeroVariance(what: "the values of both samples together")) {
            try mannWhitneyTest([2, 2, 2], [2, 2])
        }
        #expect(throws: StatisticsError.zeroVariance(what: "the values of both samples together")) {
            try mannWhitneyTest([2, 2, 2], [2, 2], exact: true)
        }
    }

    /// R drops incomplete pairs and NA values; WalkStats expects complete data and refuses NaN and infinity.
    @Test func nonFiniteInputIsRejected() {
        #expect(throws: StatisticsError.nonFiniteInput(what: "paired values")) {
            try wilcoxonSignedRankTest(to: [1, .nan, 3], from: [0, 1, 1])
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "paired values")) {
            try wilcoxonSignedRankTest(to: [1, 2, 3], from: [0, -.infinity, 1])
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the paired differences")) {
            try wilcoxonSignedRankTest(to: [1, .greatestFiniteMagnitude], from: [0, -.greatestFiniteMagnitude])
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the first sample")) { try mannWhitneyTest([1, .nan], [1, 2]) }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the second sample")) { try mannWhitneyTest([1, 2], [.infinity]) }
    }

    @Test func unequalLengthsAreRejectedNotTruncated() {
        #expect(throws: StatisticsError.invalidRequest("paired values must have equal lengths, got 3 and 2")) {
            try wilcoxonSignedRankTest(to: [1, 2, 3], from: [1, 2])
        }
    }

    @Test(arguments: [0.0, 1.0, -0.5, 1.5, Double.nan])
    func confidenceLevelMustBeInsideZeroAndOne(level: Double) {
        let errors = [
            #expect(throws: StatisticsError.self) { try wilcoxonSignedRankTest(to: [3, 5, 2], from: [1, 1, 1], confidenceLevel: level) },
            #expect(throws: StatisticsError.self) { try mannWhitneyTest([1, 2, 3], [2, 3, 5], confidenceLevel: level) },
        ]
        for error in errors {
            guard case .invalidConfidenceLevel = error else { Issue.record("expected invalidConfidenceLevel, got \(String(describing: error))"); continue }
        }
    }

    /// All non-zero differences identical. R: wilcox.test(c(3, 4, 5, 9), c(1, 2, 3, 7), paired = TRUE,
    /// conf.int = TRUE) gives V = 10 and a p-value (normal approximation, ties), estimate = midrange 2 and
    /// conf.int = c(NaN, NaN): WalkStats returns the test with no interval.
    @Test func constantDifferencesHaveNoInterval() throws {
        let data = Fixture.paired["constant-differences"]!
        let expected = Fixture.expected("signed/constant-differences", Fixture.variants[0])
        let result = try wilcoxonSignedRankTest(to: data.x, from: data.y)
        #expect(result.confidenceInterval == nil && expected["ci_low"] == nil)
        #expect(result.estimate == expected["estimate"] && result.estimate == 2)
        #expect(result.statistic == expected["statistic"])
        #expect(relativeError(result.pValue, expected["p_value"]!) < 1e-12)
        #expect(result.method == "Wilcoxon signed rank test with continuity correction")
    }

    /// Both samples constant: R's p-value exists (conf.int = FALSE) but with conf.int = TRUE R stops
    /// ("missing value where TRUE/FALSE needed"); WalkStats returns R's W and p without estimate or interval.
    @Test func constantSamplesHaveNoEstimateOrInterval() throws {
        let expected = Fixture.expected("ranksum/both-constant", Fixture.variants[0])
        #expect(expected["error_with_conf_int"] == 1)
        let result = try mannWhitneyTest([1, 1, 1], [2, 2])
        #expect(result.estimate == nil && result.confidenceInterval == nil)
        #expect(result.statistic == expected["statistic"])
        #expect(relativeError(result.pValue, expected["p_value"]!) < 1e-12)
    }

    /// A single non-zero difference (exact): R reports the interval [2, 2] at conf.level 0 with the
    /// warning "requested conf.level not achievable"; the achieved level is what the result carries.
    @Test func singleDifferenceHasALevelZeroInterval() throws {
        let expected = Fixture.expected("signed/single-difference", Fixture.variants[0])
        let result = try wilcoxonSignedRankTest(to: [3], from: [1])
        #expect(result.confidenceInterval == ConfidenceInterval(level: 0, lower: 2, upper: 2))
        #expect(expected["conf_level"] == 0 && expected["ci_low"] == 2 && expected["ci_high"] == 2)
        #expect(result.sampleSizes == [1] && result.method == "Wilcoxon signed rank exact test")
    }

    /// Zero differences are dropped and counted out of `sampleSizes` (R's n); they force the normal
    /// approximation even when exact is requested.
    @Test func zeroDifferencesAreDroppedFromN() throws {
        let result = try wilcoxonSignedRankTest(to: [3, 5, 1, 7, 2], from: [1, 5, 2, 7, 6], exact: true)
        #expect(result.sampleSizes == [3])
        #expect(result.method == "Wilcoxon signed rank test with continuity correction")
    }

    /// Exact distributions too large for a `Double` are refused instead of overflowing.
    @Test func oversizedExactRequestsAreRefused() {
        let many = (1...1001).map { Double($0) }
        #expect(throws: StatisticsError.self) {
            try wilcoxonSignedRankTest(to: many, from: [Double](repeating: 0, count: many.count), exact: true)
        }
        let a = (0..<520).map { Double($0) * 2 }, b = (0..<520).map { Double($0) * 2 + 1 }
        #expect(throws: StatisticsError.self) { try mannWhitneyTest(a, b, exact: true) }
        // Without `exact: true` the normal approximation is used, as in R.
        #expect((try? mannWhitneyTest(a, b))?.method == "Wilcoxon rank sum test with continuity correction")
    }
}
