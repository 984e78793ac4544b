import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// ``ancova(followUp:baseline:arm:reference:comparedArms:covariates:confidenceLevel:)`` against R 4.2.2's
/// `lm(follow_up ~ baseline + arm + covariates)` with `arm <- factor(arm, levels = c("B", "A"))`
/// (`Fixtures/ancova/generate.R`), and every error it must raise instead of a silent answer.
struct ANCOVATests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("ancova")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))

    /// A fixture CSV and how its covariate columns enter the model (`generate.R`'s `covariates` list).
    struct Dataset: Sendable, CustomTestStringConvertible {
        let name: String
        let numeric: [String]
        let categorical: [String]
        /// The covariate columns in model order.
        let order: [String]
        var testDescription: String { name }

        init(_ name: String, _ order: [String] = [], categorical: [String] = []) {
            self.name = name
            self.order = order
            self.categorical = categorical
            self.numeric = order.filter { !categorical.contains($0) }
        }
    }

    static let analysable: [Dataset] = [
        Dataset("a-equal"),
        Dataset("b-unequal"),
        Dataset("c-covariates", ["age", "sex", "kl_grade"], categorical: ["sex"]),
        Dataset("d-three-levels", ["site"], categorical: ["site"]),
        Dataset("e-large-scale", ["screening"]),
    ]
    static let rankDeficient: [Dataset] = [
        Dataset("f-collinear", ["weight_kg", "weight_g"]),
        Dataset("g-level-aliased", ["site"], categorical: ["site"]),
    ]

    /// The inputs of one fixture data set.
    struct Inputs {
        var followUp: [Double] = []
        var baseline: [Double] = []
        var arm: [String] = []
        var covariates: [Covariate] = []
    }

    static func load(_ dataset: Dataset) throws -> Inputs {
        let text = try String(contentsOf: folder.appendingPathComponent("\(dataset.name).csv"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let records = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        var inputs = Inputs()
        for record in records {
            inputs.followUp.append(Double(record["follow_up"]!)!)
            inputs.baseline.append(Double(record["baseline"]!)!)
            let arm = record["arm"]!
            #expect(arm == "A" || arm == "B")
            inputs.arm.append(arm)
        }
        inputs.covariates = dataset.order.map { name in
            Covariate(name: name, values: dataset.categorical.contains(name)
                      ? .categorical(records.map { $0[name]! })
                      : .numeric(records.map { Double($0[name]!)! }))
        }
        return inputs
    }

    static func run(_ inputs: Inputs, confidenceLevel: Double = 0.95) throws -> HypothesisTestResult {
        let fit = try ancova(followUp: inputs.followUp, baseline: inputs.baseline, arm: inputs.arm, reference: "B",
                             covariates: inputs.covariates, confidenceLevel: confidenceLevel)
        #expect(fit.comparedArms == ["A"] && fit.effects.count == 1)
        return fit.effects[0]
    }

    @Test func fixtureRecordsRVersionAndEveryDataSet() {
        #expect(Self.reference.provenance.contains { $0.hasPrefix("R.version.string: R version 4.2.2") })
        #expect(Set(Self.reference.values.keys) == Set((Self.analysable + Self.rankDeficient).map(\.name)))
        for dataset in Self.analysable { #expect(Self.reference.values[dataset.name]!["na_coefficients"] == 0) }
    }

    /// R: s <- coef(summary(fit))["armA", ]; fit$df.residual; confint(fit, "armA", level = 0.95 / 0.90).
    @Test(arguments: analysable)
    func matchesR(_ dataset: Dataset) throws {
        let expected = Self.reference.values[dataset.name]!
        let inputs = try Self.load(dataset)
        let result = try Self.run(inputs)
        #expect(result.name == .ancova)
        #expect(result.sampleSizes == [Int(expected["n_A"]!), Int(expected["n_B"]!)])
        #expect(result.degreesOfFreedom == expected["df"]!, "residual df must match exactly")
        let computed: [String: Double?] = [
            "estimate": result.estimate, "se": result.standardError, "statistic": result.statistic,
            "p_value": result.pValue, "ci_low": result.confidenceInterval?.lower, "ci_high": result.confidenceInterval?.upper,
        ]
        for (key, value) in computed.sorted(by: { $0.key < $1.key }) {
            let actual = try #require(value, "\(key) missing")
            #expect(relativeError(actual, expected[key]!) < 1e-6, "\(dataset.name) \(key): WalkStats \(actual), R \(expected[key]!)")
        }
        let ninety = try Self.run(inputs, confidenceLevel: 0.90)
        #expect(ninety.confidenceInterval?.level == 0.90)
        #expect(relativeError(ninety.confidenceInterval!.lower, expected["ci90_low"]!) < 1e-6)
        #expect(relativeError(ninety.confidenceInterval!.upper, expected["ci90_high"]!) < 1e-6)
        #expect(ninety.statistic == result.statistic && ninety.pValue == result.pValue)
    }

    @Test func methodNamesTheModel() throws {
        #expect(try Self.run(try Self.load(Self.analysable[0])).method == "ANCOVA: lm(follow-up ~ baseline + arm)")
        #expect(try Self.run(try Self.load(Self.analysable[2])).method
            == "ANCOVA: lm(follow-up ~ baseline + arm + age + factor(sex) + kl_grade)")
    }

    /// Data set (e): baseline, follow-up and screening values near 10⁶ with a spread of a few units
    /// (cond(X) ≈ 4·10¹¹; R's `solve(crossprod(X), crossprod(X, y))` stops as "computationally singular").
    /// WalkStats matches R (checked in ``matchesR(_:)``); the normal equations, solved here with
    /// partially pivoted Gaussian elimination, do not come within 1e-6, so the data really need the
    /// orthogonal decomposition.
    @Test func largeScaleDataDefeatTheNormalEquations() throws {
        let dataset = Self.analysable[4]
        let inputs = try Self.load(dataset)
        let rows = inputs.baseline.indices.map { i -> [Double] in
            guard case let .numeric(screening) = inputs.covariates[0].values else { return [] }
            return [1, inputs.baseline[i], inputs.arm[i] == "A" ? 1 : 0, screening[i]]
        }
        let normal = normalEquationsSolution(rows, inputs.followUp)
        let rEstimate = Self.reference.values[dataset.name]!["estimate"]!
        let error = normal.map { relativeError($0[2], rEstimate) } ?? .infinity
        #expect(!(error < 1e-6), "the normal equations reached \(error); the data set no longer tests stability")
        #expect(relativeError(try Self.run(inputs).estimate!, rEstimate) < 1e-6)
    }

    // MARK: - Rank-deficient designs: R reports NA, WalkStats throws and says why

    /// R: lm(follow_up ~ baseline + arm + weight_kg + weight_g) reports NA for weight_g (= 1000 · weight_kg).
    @Test func collinearCovariatesInRFixtureAreNamed() throws {
        let dataset = Self.rankDeficient[0]
        #expect(Self.reference.values[dataset.name]! ["na/weight_g"] == 1)
        #expect(Self.reference.values[dataset.name]! ["na_coefficients"] == 1)
        let message = try Self.rankDeficiencyMessage(Self.load(dataset))
        #expect(message.contains("covariates 'weight_kg' and 'weight_g' are perfectly collinear"), "\(message)")
        #expect(message.hasPrefix("the design matrix is rank-deficient"))
    }

    /// R: every arm-A participant is at site 'south', so the dummy 'sitesouth' (levels sorted east,
    /// north, south; east the reference) equals the arm indicator and R reports it as NA. 'south' is
    /// the first level in the file, so first-appearance ordering would alias a different column.
    @Test func levelAliasedWithArmInRFixtureIsNamed() throws {
        let dataset = Self.rankDeficient[1]
        #expect(Self.reference.values[dataset.name]!["na/sitesouth"] == 1)
        let message = try Self.rankDeficiencyMessage(Self.load(dataset))
        #expect(message.contains("the arm indicator (A vs B) and level 'south' of covariate 'site' are perfectly collinear"),
                "\(message)")
    }

    static func rankDeficiencyMessage(_ inputs: Inputs) throws -> String {
        do {
            _ = try run(inputs)
        } catch let StatisticsError.invalidRequest(message) {
            return message
        }
        Issue.record("a rank-deficient design was fitted")
        return ""
    }

    // MARK: - Edge cases

    static let followUp: [Double] = [3.1, 2.4, 4.0, 2.2, 5.3, 4.1, 4.8, 3.9]
    static let baseline: [Double] = [5.0, 4.1, 6.2, 3.5, 5.9, 4.4, 6.1, 4.7]
    static let arms = ["A", "A", "A", "A", "B", "B", "B", "B"]

    @Test func eachArmNeedsTwoParticipants() {
        #expect(throws: StatisticsError.insufficientObservations(what: "participants in arm A", needed: 2, got: 1)) {
            try ancova(followUp: [1, 2, 3, 4], baseline: [1, 3, 2, 5], arm: ["A", "B", "B", "B"], reference: "B")
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "participants in arm B", needed: 2, got: 0)) {
            try ancova(followUp: [1, 2, 3], baseline: [1, 3, 2], arm: ["A", "A", "A"], reference: "B")
        }
        // Named compared arms: an arm without participants is reported by name, as the two-arm ANCOVA did.
        #expect(throws: StatisticsError.insufficientObservations(what: "participants in arm A", needed: 2, got: 0)) {
            try ancova(followUp: [1, 2, 3], baseline: [1, 3, 2], arm: ["B", "B", "B"], reference: "B", comparedArms: ["A"])
        }
    }

    @Test func constantCovariateIsNamedWithItsValue() {
        #expect(throws: StatisticsError.invalidRequest("covariate 'kl_grade' is constant (3) in the analysed participants; drop it")) {
            try ancova(followUp: Self.followUp, baseline: Self.baseline, arm: Self.arms, reference: "B",
                       covariates: [Covariate(name: "kl_grade", values: .numeric(Array(repeating: 3, count: 8)))])
        }
        #expect(throws: StatisticsError.invalidRequest("covariate 'dose' is constant (2.5) in the analysed participants; drop it")) {
            try ancova(followUp: Self.followUp, baseline: Self.baseline, arm: Self.arms, reference: "B",
                       covariates: [Covariate(name: "dose", values: .numeric(Array(repeating: 2.5, count: 8)))])
        }
        #expect(throws: StatisticsError.invalidRequest("covariate 'sex' is constant (F) in the analysed participants; drop it")) {
            try ancova(followUp: Self.followUp, baseline: Self.baseline, arm: Self.arms, reference: "B",
                       covariates: [Covariate(name: "sex", values: .categorical(Array(repeating: "F", count: 8)))])
        }
    }

    @Test func constantBaselineIsRejected() {
        #expect(throws: StatisticsError.invalidRequest("the baseline is constant (5) in the analysed participants, so ANCOVA "
                                                       + "cannot adjust for it; compare the follow-up values directly")) {
            try ancova(followUp: Self.followUp, baseline: Array(repeating: 5, count: 8), arm: Self.arms, reference: "B")
        }
    }

    /// R 4.2.2: lm(follow_up ~ baseline + arm) reports NA for armA when the baseline is constant within
    /// each arm but differs between them.
    @Test func baselineThatDeterminesTheArmIsRejected() {
        let baseline = Self.arms.map { $0 == "A" ? 6.0 : 4.0 }
        #expect(throws: StatisticsError.invalidRequest("the design matrix is rank-deficient: the baseline and the arm indicator "
                                                       + "(A vs B) are perfectly collinear; drop or recode the covariate (R's lm "
                                                       + "would silently report NA for the aliased coefficient)")) {
            try ancova(followUp: Self.followUp, baseline: baseline, arm: Self.arms, reference: "B")
        }
    }

    /// R 4.2.2: lm(follow_up ~ baseline + arm + height_cm + height_in) reports NA for height_in.
    @Test func collinearPairIsNamed() {
        let heightCm: [Double] = [160, 172, 181, 168, 175, 158, 190, 165]
        #expect(throws: StatisticsError.invalidRequest("the design matrix is rank-deficient: covariates 'height_cm' and "
                                                       + "'height_in' are perfectly collinear; drop or recode the covariate "
                                                       + "(R's lm would silently report NA for the aliased coefficient)")) {
            try ancova(followUp: Self.followUp, baseline: Self.baseline, arm: Self.arms, reference: "B",
                       covariates: [Covariate(name: "height_cm", values: .numeric(heightCm)),
                                    Covariate(name: "height_in", values: .numeric(heightCm.map { $0 / 2.54 }))])
        }
    }

    /// total = x + y + 10: not a pair, so the message names the whole combination (R 4.2.2: NA for total).
    @Test func linearCombinationOfSeveralCovariatesIsNamed() {
        let x: [Double] = [1, 4, 2, 8, 5, 7, 3, 6]
        let y: [Double] = [2, 2, 9, 1, 4, 3, 7, 5]
        #expect(throws: StatisticsError.invalidRequest("the design matrix is rank-deficient: covariate 'total' is a linear "
                                                       + "combination of covariate 'x' and covariate 'y' (plus a constant); drop "
                                                       + "or recode the covariate (R's lm would silently report NA for the "
                                                       + "aliased coefficient)")) {
            try ancova(followUp: Self.followUp, baseline: Self.baseline, arm: Self.arms, reference: "B",
                       covariates: [Covariate(name: "x", values: .numeric(x)), Covariate(name: "y", values: .numeric(y)),
                                    Covariate(name: "total", values: .numeric(zip(x, y).map { $0 + $1 + 10 }))])
        }
    }

    /// Two categorical covariates that split the participants the same way: the second one's level is
    /// aliased (R 4.2.2: NA for factor(region)uplands; 'coast' sorts first and is the reference).
    @Test func categoricalLevelThatDuplicatesAnotherIsNamed() {
        let clinic = ["north", "south", "north", "south", "south", "north", "north", "south"]
        let region = clinic.map { $0 == "north" ? "uplands" : "coast" }
        #expect(throws: StatisticsError.invalidRequest("the design matrix is rank-deficient: level 'south' of covariate "
                                                       + "'clinic' and level 'uplands' of covariate 'region' are perfectly "
                                                       + "collinear; drop or recode the covariate (R's lm would silently "
                                                       + "report NA for the aliased coefficient)")) {
            try ancova(followUp: Self.followUp, baseline: Self.baseline, arm: Self.arms, reference: "B",
                       covariates: [Covariate(name: "clinic", values: .categorical(clinic)),
                                    Covariate(name: "region", values: .categorical(region))])
        }
    }

    /// 8 participants, 3 + 5 coefficients (site has 6 levels): no residual df (R: NA standard errors).
    @Test func tooFewResidualDegreesOfFreedom() {
        let site = ["a", "b", "c", "d", "e", "f", "a", "b"]
        #expect(throws: StatisticsError.insufficientObservations(what: "participants for a model with 8 coefficients "
                                                                 + "(n must exceed p)", needed: 9, got: 8)) {
            try ancova(followUp: Self.followUp, baseline: Self.baseline, arm: Self.arms, reference: "B",
                       covariates: [Covariate(name: "site", values: .categorical(site))])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "participants for a model with 4 coefficients "
                                                                 + "(n must exceed p)", needed: 5, got: 4)) {
            try ancova(followUp: [1, 2, 3, 5], baseline: [1, 3, 2, 2], arm: ["A", "A", "B", "B"], reference: "B",
                       covariates: [Covariate(name: "age", values: .numeric([50, 61, 58, 47]))])
        }
    }

    @Test func mismatchedLengthsAreRejected() {
        #expect(throws: StatisticsError.invalidRequest("ANCOVA needs one baseline value and one arm per follow-up value, "
                                                       + "got 8 follow-up, 7 baseline and 8 arm values")) {
            try ancova(followUp: Self.followUp, baseline: Array(Self.baseline.dropLast()), arm: Self.arms, reference: "B")
        }
        #expect(throws: StatisticsError.self) {
            try ancova(followUp: Self.followUp, baseline: Self.baseline, arm: Array(Self.arms.dropFirst()), reference: "B")
        }
        #expect(throws: StatisticsError.invalidRequest("covariate 'age' has 7 values for 8 participants")) {
            try ancova(followUp: Self.followUp, baseline: Self.baseline, arm: Self.arms, reference: "B",
                       covariates: [Covariate(name: "age", values: .numeric([50, 60, 70, 55, 65, 75, 45]))])
        }
    }

    @Test func nonFiniteValuesAreRejected() {
        var followUp = Self.followUp
        followUp[3] = .nan
        #expect(throws: StatisticsError.nonFiniteInput(what: "the follow-up values")) {
            try ancova(followUp: followUp, baseline: Self.baseline, arm: Self.arms, reference: "B")
        }
        var baseline = Self.baseline
        baseline[0] = .infinity
        #expect(throws: StatisticsError.nonFiniteInput(what: "the baseline values")) {
            try ancova(followUp: Self.followUp, baseline: baseline, arm: Self.arms, reference: "B")
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the values of covariate 'age'")) {
            try ancova(followUp: Self.followUp, baseline: Self.baseline, arm: Self.arms, reference: "B",
                       covariates: [Covariate(name: "age", values: .numeric([50, 60, .nan, 55, 65, 75, 45, 52]))])
        }
    }

    @Test func covariateNamesAndLevelsMustBeUsable() {
        let age = Covariate(name: "age", values: .numeric([50, 60, 70, 55, 65, 75, 45, 52]))
        #expect(throws: StatisticsError.invalidRequest("covariate 'age' is given more than once")) {
            try ancova(followUp: Self.followUp, baseline: Self.baseline, arm: Self.arms, reference: "B", covariates: [age, age])
        }
        #expect(throws: StatisticsError.invalidRequest("every covariate needs a name")) {
            try ancova(followUp: Self.followUp, baseline: Self.baseline, arm: Self.arms, reference: "B",
                       covariates: [Covariate(name: "", values: age.values)])
        }
        #expect(throws: StatisticsError.invalidRequest("covariate 'sex' has 1 empty value; ANCOVA needs a level for every participant")) {
            try ancova(followUp: Self.followUp, baseline: Self.baseline, arm: Self.arms, reference: "B",
                       covariates: [Covariate(name: "sex", values: .categorical(["F", "M", "", "F", "M", "F", "M", "F"]))])
        }
    }

    /// follow-up = baseline + 1 − 0.5·[arm A] exactly: R's summary.lm warns "essentially perfect fit";
    /// WalkStats refuses, since the standard error is zero up to rounding.
    @Test func essentiallyPerfectFitIsRejected() {
        let followUp = zip(Self.baseline, Self.arms).map { $0 + 1 - ($1 == "A" ? 0.5 : 0) }
        #expect(throws: StatisticsError.zeroVariance(what: "the model residuals (an essentially perfect fit)")) {
            try ancova(followUp: followUp, baseline: Self.baseline, arm: Self.arms, reference: "B")
        }
    }

    @Test(arguments: [0.0, 1.0, -0.1, Double.nan])
    func confidenceLevelMustLieInsideZeroAndOne(level: Double) {
        #expect(throws: StatisticsError.self) {
            try ancova(followUp: Self.followUp, baseline: Self.baseline, arm: Self.arms, reference: "B", confidenceLevel: level)
        }
    }
}

/// β from XᵀXβ = Xᵀy by Gaussian elimination with partial pivoting: the textbook method WalkStats does
/// not use, kept here only to show that data set (e) defeats it. `nil` when a pivot is exactly 0.
private func normalEquationsSolution(_ rows: [[Double]], _ y: [Double]) -> [Double]? {
    let p = rows[0].count
    var a = (0..<p).map { i in (0..<p).map { j in rows.reduce(0) { $0 + $1[i] * $1[j] } } + [zip(rows, y).reduce(0) { $0 + $1.0[i] * $1.1 }] }
    for k in 0..<p {
        let pivot = (k..<p).max { abs(a[$0][k]) < abs(a[$1][k]) }!
        a.swapAt(k, pivot)
        guard a[k][k] != 0 else { return nil }
        for i in (k + 1)..<p {
            let factor = a[i][k] / a[k][k]
            for j in k...p { a[i][j] -= factor * a[k][j] }
        }
    }
    var beta = Array(repeating: 0.0, count: p)
    for k in stride(from: p - 1, through: 0, by: -1) {
        beta[k] = (a[k][p] - ((k + 1)..<p).reduce(0) { $0 + a[k][$1] * beta[$1] }) / a[k][k]
    }
    return beta
}
