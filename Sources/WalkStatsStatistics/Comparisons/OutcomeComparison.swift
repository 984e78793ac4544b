import WalkStatsModel

/// The pre/post analysis of one outcome: change from `from` to `to` within each arm, and the difference
/// in change between two arms (A − B).
///
/// *Missing values.* Complete-case per analysis: a participant enters a change score only when measured
/// at both timepoints. Every part records how many of the randomised participants it used and how many
/// it could not use.
///
/// A test that the data cannot support (fewer than 2 participants, constant changes) is not silently
/// dropped: it is listed in ``notes`` with the reason.
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
        /// The paired test and later within-arm tests.
        public let tests: [HypothesisTestResult]
        /// Why a test could not run, if one could not.
        public let notes: [String]

        /// Participants with a change score.
        public var n: Int { changes.count }
        /// Randomised participants without a change score.
        public var missing: Int { randomised - changes.count }
    }

    /// The between-arm comparison of change scores, difference = A − B.
    public struct BetweenArms: Sendable {
        /// The first arm (A).
        public let armA: WithinArm
        /// The second arm (B).
        public let armB: WithinArm
        /// Welch's and Student's tests, and later between-arm tests.
        public let tests: [HypothesisTestResult]
        /// Why a test could not run, if one could not.
        public let notes: [String]
    }

    /// The outcome id.
    public let outcome: String
    /// The earlier timepoint.
    public let from: String
    /// The later timepoint.
    public let to: String
    /// The arms analysed, in order; the between-arm difference is `arms[0] − arms[1]`.
    public let arms: [String]
    /// One entry per analysed arm.
    public let within: [WithinArm]
    /// The between-arm comparison; `nil` when only one arm is analysed.
    public let between: BetweenArms?
    /// Notes for the whole comparison (tests that could not run).
    public var notes: [String] { within.flatMap(\.notes) + (between?.notes ?? []) }

    /// Compares `outcome` of `trial` from `from` to `to` (defaults: the first and last timepoint).
    ///
    /// - Parameter arms: the two arms to compare, A then B; `nil` uses the trial's arms when it has one
    ///   or two, and is an error when it has more.
    /// - Throws: ``StatisticsError/unknownName(kind:name:available:)`` for an outcome, timepoint or arm
    ///   that the trial lacks, ``StatisticsError/invalidRequest(_:)`` when `from` equals `to`, the trial
    ///   has one timepoint, more than two arms are present and none are chosen, or `arms` does not name two
    ///   different arms.
    public init(trial: Trial, outcome: String, from: String? = nil, to: String? = nil, arms: [String]? = nil,
                confidenceLevel: Double = 0.95) throws {
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
        let selected = try Self.selectArms(arms, of: trial)

        self.outcome = outcome
        self.from = from
        self.to = to
        self.arms = selected.map(\.name)
        within = try selected.map { arm in
            let pairs = arm.pairedValues(of: outcome, from: from, to: to)
            var tests: [HypothesisTestResult] = []
            var notes: [String] = []
            try Self.run("paired_t", in: arm.name, tests: &tests, notes: &notes) {
                try pairedTTest(to: pairs.to, from: pairs.from, confidenceLevel: confidenceLevel)
            }
            return WithinArm(arm: arm.name, randomised: pairs.randomised, changes: pairs.changes,
                             changeSummary: try Descriptives(pairs.changes, missing: pairs.missing, confidenceLevel: confidenceLevel),
                             tests: tests, notes: notes)
        }
        if within.count == 2 {
            let (a, b) = (within[0], within[1])
            var tests: [HypothesisTestResult] = []
            var notes: [String] = []
            let scope = "\(a.arm) vs \(b.arm)"
            try Self.run("welch_t", in: scope, tests: &tests, notes: &notes) {
                try welchTTest(a.changes, b.changes, confidenceLevel: confidenceLevel)
            }
            try Self.run("student_t", in: scope, tests: &tests, notes: &notes) {
                try studentTTest(a.changes, b.changes, confidenceLevel: confidenceLevel)
            }
            between = BetweenArms(armA: a, armB: b, tests: tests, notes: notes)
        } else {
            between = nil
        }
    }

    /// Runs one test; a ``StatisticsError`` from the data becomes a note instead of ending the comparison.
    private static func run(_ name: String, in scope: String, tests: inout [HypothesisTestResult], notes: inout [String],
                            _ test: () throws -> HypothesisTestResult) throws {
        do {
            tests.append(try test())
        } catch let error as StatisticsError {
            notes.append("\(name) (\(scope)) not computed: \(error)")
        }
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
