import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// The fixture written by `Fixtures/mixed-anova/generate.R` (R 4.2.2, afex 1.2-1, car 3.1-1): the
/// participants of `input.csv` (long format, complete cases) and the reference values.
enum MixedANOVAFixture {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("mixed-anova")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))

    /// The datasets of `input.csv`, in file order.
    static let datasets = ["balanced-2x3", "unbalanced-3x4", "two-times", "hf-above-one", "single-group"]

    /// One dataset in wide form: arms and times in order of first appearance, each participant's values in
    /// time order (R's `factor(levels = unique(...))`).
    struct Design {
        var arms: [String] = [], times: [String] = []
        var participants: [String: [String]] = [:]       // arm → participant ids in order
        var values: [String: [String: Double]] = [:]     // id → time → value

        var groups: [[[Double]]] {
            arms.map { arm in participants[arm]!.map { id in times.map { values[id]![$0]! } } }
        }
    }

    static let designs: [String: Design] = {
        let text = try! String(contentsOf: folder.appendingPathComponent("input.csv"), encoding: .utf8)
        var result: [String: Design] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            let (dataset, arm, id, time, value) = (fields[0], fields[1], fields[2], fields[3], Double(fields[4])!)
            var design = result[dataset, default: Design()]
            if !design.arms.contains(arm) { design.arms.append(arm) }
            if !design.times.contains(time) { design.times.append(time) }
            if design.values[id] == nil { design.participants[arm, default: []].append(id) }
            design.values[id, default: [:]][time] = value
            result[dataset] = design
        }
        return result
    }()

    static func value(_ dataset: String, _ key: String) -> Double? { reference.values[dataset]?[key] }

    /// The WalkStats analysis of `dataset`: the mixed ANOVA, or the repeated-measures ANOVA with one arm.
    static func analysis(_ dataset: String) throws -> MixedANOVA {
        let design = designs[dataset]!
        return design.arms.count == 1
            ? try repeatedMeasuresANOVA(design.groups[0], timeNames: design.times)
            : try mixedANOVA(design.groups, armNames: design.arms, timeNames: design.times)
    }
}

/// ``mixedANOVA(_:armNames:timeNames:)`` and ``repeatedMeasuresANOVA(_:timeNames:)`` against R 4.2.2:
/// `afex::aov_ez(..., type = 3)`, its `summary()` and `anova(fit, es = "ges", correction = "none")`.
struct MixedANOVATests {
    /// Every number below is agreed to within 1e-9 relative, the brief's bar (sums of squares, F, ges,
    /// epsilons and W are plain arithmetic; p-values go through GSL's F and χ² distributions). Measured on
    /// this fixture: 6.6e-14 at worst (a p-value), 9e-15 at worst for the arithmetic quantities.
    static let tolerance = 1e-9

    /// The effects R reports, with df, df2, SS, error SS, F, p and ges.
    @Test(arguments: MixedANOVAFixture.datasets)
    func univariateTestsMatchR(dataset: String) throws {
        let result = try MixedANOVAFixture.analysis(dataset)
        let design = MixedANOVAFixture.designs[dataset]!
        let expectedEffects = design.arms.count == 1 ? ["time"] : ["arm", "time", "arm:time"]
        #expect(result.effects.map(\.name) == expectedEffects)
        #expect(result.times == design.times)
        #expect(Double(result.sampleSizes.reduce(0, +)) == MixedANOVAFixture.value(dataset, "n"))
        for effect in result.effects {
            let expected = { (key: String) in MixedANOVAFixture.value(dataset, "\(effect.name)/\(key)")! }
            let label = "\(dataset) \(effect.name)"
            #expect(effect.test.name == (design.arms.count == 1 ? .repeatedMeasuresANOVA : .mixedANOVA))
            #expect(effect.isWithinParticipants == effect.name.contains("time"))
            #expect(effect.test.degreesOfFreedom == expected("df"), "\(label) df")
            #expect(effect.test.denominatorDegreesOfFreedom == expected("df2"), "\(label) df2")
            let pairs: [(String, Double, String)] = [
                ("SS", effect.sumOfSquares, "SS"), ("error SS", effect.errorSumOfSquares, "error_SS"),
                ("F", effect.test.statistic, "F"), ("p", effect.test.pValue, "p"),
                ("F (anova)", effect.test.statistic, "anova_F"), ("p (anova)", effect.test.pValue, "anova_p"),
                ("ges", effect.generalizedEtaSquared, "ges"),
            ]
            for (what, actual, key) in pairs {
                #expect(relativeError(actual, expected(key)) < Self.tolerance,
                        "\(label) \(what): WalkStats \(actual), R \(expected(key))")
            }
        }
    }

    /// Mauchly (W, χ², p) and the GG / HF epsilons and p-values of every within effect with k ≥ 3; for
    /// k = 2 the epsilons are 1, there is no Mauchly test and a note says so.
    @Test(arguments: MixedANOVAFixture.datasets)
    func sphericityMatchesR(dataset: String) throws {
        let result = try MixedANOVAFixture.analysis(dataset)
        let k = MixedANOVAFixture.designs[dataset]!.times.count
        for effect in result.effects {
            guard effect.isWithinParticipants else {
                #expect(effect.sphericity == nil)
                continue
            }
            let sphericity = try #require(effect.sphericity)
            let label = "\(dataset) \(effect.name)"
            if k == 2 {
                #expect(sphericity.mauchly == nil)
                #expect(sphericity.greenhouseGeisserEpsilon == 1 && sphericity.huynhFeldtEpsilon == 1)
                #expect(sphericity.greenhouseGeisserPValue == effect.test.pValue)
                #expect(sphericity.huynhFeldtPValue == effect.test.pValue)
                #expect(MixedANOVAFixture.value(dataset, "\(effect.name)/mauchly_W") == nil)
                #expect(result.notes.contains { $0.contains("2 levels") && $0.contains("no Mauchly test") })
                continue
            }
            #expect(result.notes.isEmpty)
            let expected = { (key: String) in MixedANOVAFixture.value(dataset, "\(effect.name)/\(key)")! }
            let mauchly = try #require(sphericity.mauchly)
            #expect(mauchly.degreesOfFreedom == Double((k - 1) * k / 2 - 1))
            let pairs: [(String, Double, String)] = [
                ("Mauchly W", mauchly.w, "mauchly_W"), ("Mauchly chi-squared", mauchly.chiSquared, "mauchly_chisq"),
                ("Mauchly p", mauchly.pValue, "mauchly_p"),
                ("GG epsilon", sphericity.greenhouseGeisserEpsilon, "gg_eps"),
                ("GG p", sphericity.greenhouseGeisserPValue, "gg_p"),
                ("GG p (anova)", sphericity.greenhouseGeisserPValue, "gg_anova_p"),
                ("HF epsilon", sphericity.huynhFeldtEpsilon, "hf_eps"),
                ("HF p", sphericity.huynhFeldtPValue, "hf_p"),
                ("HF p (anova)", sphericity.huynhFeldtPValue, "hf_anova_p"),
            ]
            for (what, actual, key) in pairs {
                #expect(relativeError(actual, expected(key)) < Self.tolerance,
                        "\(label) \(what): WalkStats \(actual), R \(expected(key))")
            }
        }
    }

    /// The fixture exercises what it is meant to: an HF epsilon above 1 (reported uncapped, its p-value the
    /// uncorrected one since ε′ = 1) in a mixed and in a one-group design, k = 4 (where car's ω₂ term of
    /// the Mauchly p-value is non-zero), k = 2, and unequal arms.
    @Test func fixtureCoversTheCases() throws {
        for dataset in ["hf-above-one", "single-group"] {
            let time = try #require(try MixedANOVAFixture.analysis(dataset).effect("time"))
            #expect(MixedANOVAFixture.value(dataset, "time/hf_eps")! > 1)
            #expect(time.sphericity!.huynhFeldtEpsilon > 1)
            #expect(time.sphericity!.huynhFeldtPValue == time.test.pValue)
            #expect(MixedANOVAFixture.value(dataset, "time/hf_p") == MixedANOVAFixture.value(dataset, "time/p"))
        }
        #expect(MixedANOVAFixture.designs["unbalanced-3x4"]!.times.count == 4)
        #expect(Set(MixedANOVAFixture.designs["unbalanced-3x4"]!.groups.map(\.count)).count == 3)
        #expect(MixedANOVAFixture.designs["two-times"]!.times.count == 2)
        #expect(MixedANOVAFixture.reference.provenance.contains { $0.contains("afex 1.2.1") })
    }

    /// Type III matters with unequal arms: SS_time is built on the unweighted mean of the arm means, so it
    /// differs from the weighted (type II / balanced-formula) value n Σ_t (ȳ_·t − ȳ)² — and matches afex.
    @Test func unbalancedTimeSumOfSquaresIsTypeIII() throws {
        let dataset = "unbalanced-3x4"
        let groups = MixedANOVAFixture.designs[dataset]!.groups
        let all = groups.flatMap { $0 }
        let k = all[0].count
        let timeMeans = (0..<k).map { t in all.reduce(0) { $0 + $1[t] } / Double(all.count) }
        let grand = timeMeans.reduce(0, +) / Double(k)
        let weightedSS = Double(all.count) * timeMeans.reduce(0) { $0 + ($1 - grand) * ($1 - grand) }
        let time = try #require(try MixedANOVAFixture.analysis(dataset).effect("time"))
        let expected = MixedANOVAFixture.value(dataset, "time/SS")!
        #expect(relativeError(time.sumOfSquares, expected) < Self.tolerance)
        #expect(relativeError(weightedSS, expected) > 1e-3, "weighted \(weightedSS) vs type III \(expected)")
        let arm = try #require(try MixedANOVAFixture.analysis(dataset).effect("arm"))
        #expect(relativeError(arm.sumOfSquares, MixedANOVAFixture.value(dataset, "arm/SS")!) < Self.tolerance)
    }

    /// The repeated-measures ANOVA is the mixed ANOVA with one arm: same time effect.
    @Test func repeatedMeasuresIsTheOneArmMixedANOVA() throws {
        let participants = MixedANOVAFixture.designs["single-group"]!.groups[0]
        let times = MixedANOVAFixture.designs["single-group"]!.times
        let repeated = try repeatedMeasuresANOVA(participants, timeNames: times)
        let mixed = try mixedANOVA([participants], armNames: ["all"], timeNames: times)
        #expect(mixed.effects.map(\.name) == ["time"])
        #expect(mixed.effects[0].test.name == .repeatedMeasuresANOVA)
        let repeatedTime = try #require(repeated.effect("time"))
        let mixedTime = try #require(mixed.effect("time"))
        #expect(repeated.arms.isEmpty)
        #expect(repeatedTime.test.statistic == mixedTime.test.statistic)
        #expect(repeatedTime.sphericity == mixedTime.sphericity)
        #expect(repeatedTime.generalizedEtaSquared == mixedTime.generalizedEtaSquared)
    }

    @Test func oneParticipantPerArmThrows() {
        #expect(throws: StatisticsError.insufficientObservations(
            what: "participants (more than the 2 arms, so that the error has a degree of freedom)", needed: 3, got: 2)) {
            try mixedANOVA([[[1, 2, 3]], [[2, 4, 5]]], armNames: ["a", "b"], timeNames: ["t1", "t2", "t3"])
        }
        #expect(throws: StatisticsError.self) { try repeatedMeasuresANOVA([[1, 2, 3]], timeNames: ["t1", "t2", "t3"]) }
    }

    @Test func constantDataThrows() {
        let constant: [[[Double]]] = [[[5, 5, 5], [5, 5, 5]], [[5, 5, 5], [5, 5, 5]]]
        #expect(throws: StatisticsError.zeroVariance(
            what: "the changes over time within every participant, after removing the arm means,")) {
            try mixedANOVA(constant, armNames: ["a", "b"], timeNames: ["t1", "t2", "t3"])
        }
        // Participant means identical within each arm, changes over time not: the arm F is undefined.
        let equalMeans: [[[Double]]] = [[[1, 2, 3], [3, 2, 1]], [[4, 5, 6], [6, 5, 4]]]
        #expect(throws: StatisticsError.zeroVariance(what: "the participant means within every arm")) {
            try mixedANOVA(equalMeans, armNames: ["a", "b"], timeNames: ["t1", "t2", "t3"])
        }
    }

    @Test func oneTimepointThrows() {
        #expect(throws: StatisticsError.insufficientObservations(what: "timepoints", needed: 2, got: 1)) {
            try repeatedMeasuresANOVA([[1], [2], [3]], timeNames: ["t1"])
        }
    }

    @Test func mismatchedLengthsThrow() throws {
        let error = #expect(throws: StatisticsError.self) {
            try mixedANOVA([[[1, 2, 3], [2, 3, 5]], [[1, 2], [3, 4, 4]]], armNames: ["a", "b"], timeNames: ["t1", "t2", "t3"])
        }
        #expect(error?.description.contains("participant 1 of arm 'b' has 2 values, but there are 3 timepoints") == true)
        #expect(throws: StatisticsError.invalidRequest("1 arm names for 2 arms")) {
            try mixedANOVA([[[1, 2], [2, 4]], [[1, 3], [3, 4]]], armNames: ["a"], timeNames: ["t1", "t2"])
        }
        #expect(throws: StatisticsError.self) {
            try mixedANOVA([[[1, 2], [2, 4]], []], armNames: ["a", "b"], timeNames: ["t1", "t2"])
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the values of arm 'a'")) {
            try mixedANOVA([[[1, .nan], [2, 4]], [[1, 3], [3, 4]]], armNames: ["a", "b"], timeNames: ["t1", "t2"])
        }
    }

    /// Fewer residual degrees of freedom than time contrasts: the error matrix is singular, so (as car) no
    /// Mauchly test or correction, with a note; the uncorrected tests remain.
    @Test func singularErrorMatrixHasNoSphericityCorrection() throws {
        let result = try repeatedMeasuresANOVA([[1, 3, 2, 5], [2, 2, 4, 6], [0, 4, 3, 3]], timeNames: ["a", "b", "c", "d"])
        let time = try #require(result.effect("time"))
        #expect(time.sphericity == nil)
        #expect(time.test.pValue > 0 && time.test.pValue < 1)
        #expect(result.notes.contains { $0.contains("singular") })
    }
}
