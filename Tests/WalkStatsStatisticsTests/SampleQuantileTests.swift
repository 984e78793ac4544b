import Testing
import WalkStats

/// R 4.2.2's `quantile(x, p)` (type 7) and `median(x)`.
struct SampleQuantileTests {
    /// R: quantile(c(1, 2, 4, 8), c(.25, .5, .75)) = 1.75, 3, 5; quantile(c(8, 1, 4, 2), 0) = 1, 1 → 8.
    @Test func type7MatchesR() throws {
        #expect(try SampleQuantile.type7([1, 2, 4, 8], probability: 0.25) == 1.75)
        #expect(try SampleQuantile.type7([1, 2, 4, 8], probability: 0.5) == 3)
        #expect(try SampleQuantile.type7([8, 1, 4, 2], probability: 0.75) == 5)
        #expect(try SampleQuantile.type7([8, 1, 4, 2], probability: 0) == 1)
        #expect(try SampleQuantile.type7([8, 1, 4, 2], probability: 1) == 8)
        // R returns x[lo] when the neighbours are equal, so 0.1 stays exactly 0.1.
        #expect(try SampleQuantile.type7([0.1, 0.1, 0.1], probability: 0.3) == 0.1)
    }

    /// R: median(c(3, 1, 2)) = 2; median(c(4, 1, 3, 2)) = 2.5; median(c(1.7e308, 1.7e308)) = 1.7e308
    /// (R averages in long double; WalkStats halves first when the sum would overflow).
    @Test func medianMatchesR() throws {
        #expect(try SampleQuantile.median([3, 1, 2]) == 2)
        #expect(try SampleQuantile.median([4, 1, 3, 2]) == 2.5)
        #expect(try SampleQuantile.median([1.7e308, 1.7e308]) == 1.7e308)
    }

    @Test func badInputThrows() {
        #expect(throws: StatisticsError.self) { try SampleQuantile.median([]) }
        #expect(throws: StatisticsError.self) { try SampleQuantile.type7([1, .nan], probability: 0.5) }
        #expect(throws: StatisticsError.self) { try SampleQuantile.type7([1, 2], probability: 1.5) }
    }
}
