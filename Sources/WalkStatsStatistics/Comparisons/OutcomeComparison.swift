import WalkStatsModel

/// The pre/post analysis of one outcome: change from `from` to `to` within each arm, and the difference
/// between two arms (A − B), with standardised effects and assumption checks.
///
/// Within each arm: paired t-test and Wilcoxon signed-rank test of the change, Cohen's d_z, and a
/// Shapiro–Wilk check of the change scores. Between arms: ANCOVA of the follow-up adjusted for baseline
/// (and any covariates) — the primary analysis of a randomised pre/post trial — then Welch's and
/// Student's t-tests and the Mann–Whitney test of the change scores, Cohen's d and Hedges' g of the
/// change scores, and a median-centred Levene check of equal variances.
///
/// *Missing values.* Complete cases per analysis: a participant enters a change score only when measured
/// at both timepoints, and the ANCOVA only when also every covariate is known. Every part records how many
/// of the randomised participants it used.
///
/// *Assumption checks never switch tests:* every test always runs and the checks are reported beside them.
///
/// A test the data cannot support (fewer than 2 participants, constant changes, a constant covariate) is
/// not silently dropped: it is listed in ``notes`` with the reason.
public struct OutcomeComparison: Sendable {
    /// Change within one arm.
    public struct WithinArm: Sendable {
        /// The arm name.
        public let arm: String
        /// Participants randomised to the arm.
        public let randomised: Int
        /// The change scores (`to − from`) of participants measured at both timepoints.
        public let changes: [Double]
        /// Descriptives of the change scores (mean and SD of change).
        public let changeSummary: Descriptives
        /// Paired t-test and Wilcoxon signed-rank test, in that order (those that could run).
        public internal(set) var tests: [HypothesisTestResult]
        /// Cohen's d_z of the change.
        public let effectSizes: [EffectSize]
        /// Shapiro–Wilk test of the change scores.
        public let assumptionChecks: [HypothesisTestResult]
        /// Why a test could not run, if one could not.
        public let notes: [String]

        /// Participants with a change score.
        public var n: Int { changes.count }
        /// Randomised participants without a change score.
        public var missing: Int { randomised - changes.count }
    }

    /// The between-arm comparison, difference = A − B.
    public struct BetweenArms: Sendable {
        /// The first arm (A).
        public let armA: WithinArm
        /// The second arm (B).
        public let armB: WithinArm
        /// ANCOVA, Welch, Student and Mann–Whitney, in that order (those that could run).
        public internal(set) var tests: [HypothesisTestResult]
        /// Cohen's d and Hedges' g of the change scores.
        public let effectSizes: [EffectSize]
        /// Median-centred Levene test of the change scores.
        public let assumptionChecks: [HypothesisTestResult]
        /// The covariates the ANCOVA adjusts for besides baseline.
        public let covariates: [String]
        /// Why a test could not run, if one could not.
        public let notes: [String]
    }

    /// The outcome id.
    public let outcome: String
    /// The earlier timepoint (baseline of the ANCOVA).
    public let from: String
    /// The later timepoint (follow-up of the ANCOVA).
    public let to: String
    /// The arms analysed, in order; the between-arm difference is `arms[0] − arms[1]`.
    public let arms: [String]
    /// One entry per analysed arm.
    public internal(set) var within: [WithinArm]
    /// The between-arm comparison; `nil` when only one arm is analysed.
    public internal(set) var between: BetweenArms?
    /// Notes for the whole comparison (tests that could not run).
    public var notes: [String] { within.flatMap(\.notes) + (between?.notes ?? []) }

    /// Compares `outcome` of `trial` from `from` to `to` (defaults: the first and last timepoint).
    ///
    /// - Parameters:
    ///   - arms: the two arms to compare, A then B; `nil` uses the trial's arms when it has one or two,
    ///     and is an error when it has more.
    ///   - covariates: participant attributes the ANCOVA adjusts for besides baseline (numeric when every
    ///     analysed value is a number, otherwise a factor with treatment coding).
    /// - Throws: ``StatisticsError/unknownName(kind:name:available:)`` for an outcome, timepoint, arm or
    ///   covariate that the trial lacks, ``StatisticsError/invalidRequest(_:)`` when `from` equals `to`, the
    ///   trial has one timepoint, more than two arms are present and none are chosen, or `arms` does not
    ///   name two different arms.
    public init(trial: Trial, outcome: String, from: String? = nil, to: String? = nil, arms: [String]? = nil,
                covariates: [String] = [], confidenceLevel: Double = 0.95) throws {
        guard trial.outcomes.contains(outcome) else {
            throw StatisticsError.unknownName(kind: "outcome", name: outcome, available: trial.outcomes)
        }
        guard trial.timepoints.count >= 2 else {
            throw StatisticsError.invalidRequest("a change needs two timepoints; the data have only '\(trial.timepoints.first ?? "")'")
        }
        let from = from ?? trial.timepoints.first!
        let to = to ?? trial.timepoints.last!
        for timepoint in [from, to] where !trial.timepoints.contains(timepoint) {
            throw StatisticsError.unknownName(kind: "timepoint", name: timepoint, available: trial.timepoints)
        }
        guard from != to else {
            throw StatisticsError.invalidRequest("--from and --to must differ (both are '\(from)')")
        }
        for name in covariates where !trial.participantAttributeNames.contains(name) {
            throw StatisticsError.unknownName(kind: "participant attribute for --covariates", name: name,
                                              available: trial.participantAttributeNames)
        }
        let selected = try Self.selectArms(arms, of: trial)

        self.outcome = outcome
        self.from = from
        self.to = to
        self.arms = selected.map(\.name)
        within = try selected.map { arm in
            try Self.analyseWithin(arm, outcome: outcome, from: from, to: to, confidenceLevel: confidenceLevel)
        }
        between = within.count == 2
            ? try Self.analyseBetween(within[0], within[1], arms: (selected[0], selected[1]), outcome: outcome,
                                      from: from, to: to, covariates: covariates, confidenceLevel: confidenceLevel)
            : nil
    }

    private static func analyseWithin(_ arm: Arm, outcome: String, from: String, to: String,
                                      confidenceLevel: Double) throws -> WithinArm {
        let pairs = arm.pairedValues(of: outcome, from: from, to: to)
        var runner = TestRunner(scope: arm.name)
        let tests = [
            runner.run(.pairedT) { try pairedTTest(to: pairs.to, from: pairs.from, confidenceLevel: confidenceLevel) },
            runner.run(.wilcoxonSignedRank) {
                try wilcoxonSignedRankTest(to: pairs.to, from: pairs.from, confidenceLevel: confidenceLevel)
            },
        ].compactMap { $0 }
        let effects = [
            runner.run("cohens_dz") { try cohensDz(to: pairs.to, from: pairs.from, confidenceLevel: confidenceLevel) },
        ].compactMap { $0 }
        let checks = [runner.run(.shapiroWilk) { try shapiroWilkTest(pairs.changes) }].compactMap { $0 }
        return WithinArm(arm: arm.name, randomised: pairs.randomised, changes: pairs.changes,
                         changeSummary: try Descriptives(pairs.changes, missing: pairs.missing, confidenceLevel: confidenceLevel),
                         tests: tests, effectSizes: effects, assumptionChecks: checks, notes: runner.notes)
    }

    private static func analyseBetween(_ a: WithinArm, _ b: WithinArm, arms: (Arm, Arm), outcome: String, from: String,
                                       to: String, covariates: [String], confidenceLevel: Double) throws -> BetweenArms {
        var runner = TestRunner(scope: "\(a.arm) vs \(b.arm)")
        let design = ANCOVAData(arms: arms, outcome: outcome, from: from, to: to, covariates: covariates)
        let tests = [
            runner.run(.ancova) {
                try ancova(followUp: design.followUp, baseline: design.baseline, isArmA: design.isArmA,
                           covariates: try design.covariateColumns(), confidenceLevel: confidenceLevel)
            },
            runner.run(.welchT) { try welchTTest(a.changes, b.changes, confidenceLevel: confidenceLevel) },
            runner.run(.studentT) { try studentTTest(a.changes, b.changes, confidenceLevel: confidenceLevel) },
            runner.run(.mannWhitney) { try mannWhitneyTest(a.changes, b.changes, confidenceLevel: confidenceLevel) },
        ].compactMap { $0 }
        let effects = [
            runner.run("cohens_d") { try cohensD(a.changes, b.changes, confidenceLevel: confidenceLevel) },
            runner.run("hedges_g") { try hedgesG(a.changes, b.changes, confidenceLevel: confidenceLevel) },
        ].compactMap { $0 }
        let checks = [runner.run(.leveneMedian) { try leveneMedianTest([a.changes, b.changes]) }].compactMap { $0 }
        return BetweenArms(armA: a, armB: b, tests: tests, effectSizes: effects, assumptionChecks: checks,
                           covariates: covariates, notes: runner.notes)
    }

    private static func selectArms(_ names: [String]?, of trial: Trial) throws -> [Arm] {
        guard let names else {
            guard trial.arms.count <= 2 else {
                throw StatisticsError.invalidRequest(
                    "the data have \(trial.arms.count) arms (\(trial.arms.map(\.name).joined(separator: ", "))); "
                        + "choose two with --arms A,B")
            }
            return trial.arms
        }
        guard names.count == 2, names[0] != names[1] else {
            throw StatisticsError.invalidRequest("--arms takes two different arm names separated by a comma, such as backward,forward")
        }
        return try names.map { name in
            guard let arm = trial.arm(named: name) else {
                throw StatisticsError.unknownName(kind: "arm", name: name, available: trial.arms.map(\.name))
            }
            return arm
        }
    }
}

/// Runs one analysis at a time; a ``StatisticsError`` from the data becomes a note naming the analysis and
/// its scope instead of ending the comparison. Other errors (a GSL failure) are programming errors and
/// propagate as notes too, so a report still says what went wrong.
private struct TestRunner {
    let scope: String
    var notes: [String] = []

    mutating func run<Result>(_ name: TestName, _ analysis: () throws -> Result) -> Result? {
        run(name.rawValue, analysis)
    }

    mutating func run<Result>(_ name: String, _ analysis: () throws -> Result) -> Result? {
        do {
            return try analysis()
        } catch {
            notes.append("\(name) (\(scope)) not computed: \(error)")
            return nil
        }
    }
}
