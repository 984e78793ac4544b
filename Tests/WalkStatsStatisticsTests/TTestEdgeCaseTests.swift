import Testing
import WalkStats

/// Inputs R's `t.test` refuses must be clear Swift errors here, never NaN or a crash.
struct TTestEdgeCaseTests {
    @Test func pairedTestNeedsTwoPairs() {
        #expect(throws: StatisticsError.insufficientObservations(what: "pairs", needed: 2, got: 1)) {
            try pairedTTest(to: [2], from: [1])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "pairs", needed: 2, got: 0)) {
            try pairedTTest(to: [], from: [])
        }
    }

    /// R: t.test(c(2, 3, 4), c(1, 2, 3), paired = TRUE) stops with "data are essentially constant".
    @Test func constantDifferencesAreZeroVariance() {
        #expect(throws: StatisticsError.zeroVariance(what: "the paired differences")) {
            try pairedTTest(to: [2, 3, 4], from: [1, 2, 3])
        }
        #expect(throws: StatisticsError.zeroVariance(what: "the paired differences")) {
            try pairedTTest(to: [1, 2, 3], from: [1, 2, 3])
        }
    }

    @Test func unequalLengthsAreRejectedNotTruncated() {
        #expect(throws: StatisticsError.self) { try pairedTTest(to: [1, 2, 3], from: [1, 2]) }
    }

    @Test func nonFiniteInputIsRejected() {
        #expect(throws: StatisticsError.nonFiniteInput(what: "paired values")) {
            try pairedTTest(to: [1, .nan, 3], from: [1, 2, 2])
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the first sample")) {
            try welchTTest([1, .infinity, 3], [1, 2, 2])
        }
    }

    @Test(arguments: [0.0, 1.0, -0.5, 1.5, Double.nan])
    func confidenceLevelMustBeInsideZeroAndOne(level: Double) {
        #expect(throws: StatisticsError.self) { try welchTTest([1, 2, 3], [2, 3, 5], confidenceLevel: level) }
    }

    @Test func welchNeedsTwoPerSampleButStudentAcceptsOne() throws {
        #expect(throws: StatisticsError.insufficientObservations(what: "values in the second sample", needed: 2, got: 1)) {
            try welchTTest([1, 2, 3], [4])
        }
        // R 4.2.2: t.test(c(1, 2, 3), 4, var.equal = TRUE): t = -1.7320508075688774, df = 2, p = 0.22540333075851657.
        let student = try studentTTest([1, 2, 3], [4])
        #expect(student.degreesOfFreedom == 2)
        #expect(abs(student.statistic - (-1.7320508075688774)) < 1e-12)
        #expect(abs(student.pValue - 0.22540333075851657) < 1e-12)
        #expect(throws: StatisticsError.insufficientObservations(what: "values in both samples together", needed: 3, got: 2)) {
            try studentTTest([1], [4])
        }
    }

    @Test func twoConstantSamplesAreZeroVariance() {
        #expect(throws: StatisticsError.zeroVariance(what: "both samples")) { try welchTTest([1, 1, 1], [2, 2]) }
    }

    @Test func descriptivesOfTinySamplesLeaveUndefinedFieldsEmpty() throws {
        let empty = try Descriptives([], missing: 3)
        #expect(empty.n == 0 && empty.missing == 3 && empty.mean == nil && empty.median == nil)
        let single = try Descriptives([4.5], missing: 0)
        #expect(single.mean == 4.5 && single.median == 4.5 && single.standardDeviation == nil && single.confidenceInterval == nil)
    }
}
