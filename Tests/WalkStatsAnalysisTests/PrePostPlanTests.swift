import Testing
import WalkStats

/// Requests that cannot be answered are errors that describe the data; analyses that cannot run are notes.
struct PrePostPlanTests {
    static let trial = Trial(
        source: "inline", arms: [
            Arm(name: "a", participants: [participant("1", "a", 5, 3), participant("2", "a", 6, 3), participant("3", "a", 7, 5)]),
            Arm(name: "b", participants: [participant("4", "b", 5, 5), participant("5", "b", 6, 4)]),
            Arm(name: "c", participants: [participant("6", "c", 5, 5)]),
        ], timepoints: ["pre", "post"], outcomes: ["pain"])

    static func participant(_ id: String, _ arm: String, _ pre: Double, _ post: Double) -> Participant {
        Participant(id: id, arm: arm, observations: [
            ObservationKey(outcome: "pain", timepoint: "pre"): Observation(value: pre),
            ObservationKey(outcome: "pain", timepoint: "post"): Observation(value: post),
        ])
    }

    static func plan(_ request: AnalysisRequest) throws -> PrePostPlan { try PrePostPlan(trial: trial, request: request) }

    /// Every arm is analysed by default, in sorted order; with no control-like name the reference is the
    /// last arm in sorted order; every pair is compared: arm − reference, then the later − the earlier.
    @Test func everyArmIsAnalysedAndEveryPairCompared() throws {
        let plan = try Self.plan(AnalysisRequest())
        #expect(plan.arms == ["a", "b", "c"])
        #expect(plan.reference == "c")
        #expect(plan.referenceReason?.hasPrefix("the last arm in sorted order") == true)
        #expect(plan.contrasts.map(\.description) == ["a − c", "b − c", "b − a"])
        #expect(throws: AnalysisRequestError.invalidArmSelection(["a", "a"])) {
            try Self.plan(AnalysisRequest(arms: ["a", "a"]))
        }
    }

    /// The rows' order never matters: the same arms in any order of the file give the same plan.
    @Test func theOrderOfRowsDoesNotDecideTheSign() throws {
        let reversed = Trial(source: "inline", arms: Self.trial.arms.reversed(), timepoints: ["pre", "post"], outcomes: ["pain"])
        let plan = try PrePostPlan(trial: reversed, request: AnalysisRequest())
        #expect(plan.arms == ["a", "b", "c"])
        #expect(plan.contrasts.map(\.description) == ["a − c", "b − c", "b − a"])
    }

    /// The reference: the request's, else the metadata's, else an arm named like a control.
    @Test func theReferenceArmFollowsItsRules() throws {
        #expect(try Self.plan(AnalysisRequest(reference: "a")).contrasts.map(\.description) == ["b − a", "c − a", "c − b"])
        let metadata = DatasetMetadata(source: "x.metadata.json", referenceArm: "b")
        let fromMetadata = try Self.plan(AnalysisRequest(metadata: metadata))
        #expect(fromMetadata.reference == "b")
        #expect(fromMetadata.referenceReason == "from the dataset's metadata")
        // The metadata's reference is not analysed: the rule decides, and says why.
        let narrowed = try Self.plan(AnalysisRequest(arms: ["a", "c"], metadata: metadata))
        #expect(narrowed.reference == "c")
        #expect(narrowed.referenceReason?.contains("'b' is not analysed") == true)
        let control = Trial(source: "inline", arms: [
            Arm(name: "Usual care", participants: [Self.participant("1", "Usual care", 5, 4), Self.participant("2", "Usual care", 6, 6)]),
            Arm(name: "retro", participants: [Self.participant("3", "retro", 5, 3), Self.participant("4", "retro", 6, 3)]),
        ], timepoints: ["pre", "post"], outcomes: ["pain"])
        let plan = try PrePostPlan(trial: control, request: AnalysisRequest())
        #expect(plan.reference == "Usual care")
        #expect(plan.referenceReason == "named like a control")
        #expect(plan.contrasts == [ArmContrast(arm: "retro", reference: "Usual care")])
        #expect(throws: AnalysisRequestError.referenceNotAnalysed("c", arms: ["a", "b"])) {
            try Self.plan(AnalysisRequest(arms: ["a", "b"], reference: "c"))
        }
        #expect(throws: AnalysisRequestError.unknownName(.arm, name: "z", available: ["a", "b", "c"])) {
            try Self.plan(AnalysisRequest(reference: "z"))
        }
    }

    /// The Welch and Mann–Whitney lists hold every pair in the plan's contrast order, each with the pair's
    /// own test (the same numbers as its pairwise section) and Holm's p (pairs) across the three pairs.
    @Test func pairwiseListsHoldEveryPairWithHolm() throws {
        let values: [(String, [(Double, Double)])] = [
            ("a", [(5, 3), (6, 3), (7, 5), (6, 2)]), ("b", [(5, 5), (6, 4), (4, 4), (7, 6)]), ("c", [(5, 5), (6, 7), (5, 6)]),
        ]
        var id = 0
        let trial = Trial(source: "inline", arms: values.map { arm, pairs in
            Arm(name: arm, participants: pairs.map { id += 1; return Self.participant("\(id)", arm, $0.0, $0.1) })
        }, timepoints: ["pre", "post"], outcomes: ["pain"])
        let plan = try PrePostPlan(trial: trial, request: AnalysisRequest())
        let result = try plan.run(on: trial)[0]
        let omnibus = try #require(result.sections.first { $0.key == "omnibus" }?.groups.first)
        let sections = result.sections.filter { $0.key == "pairwise" }
        for (name, test) in [("pairwise_welch", "welch_t"), ("pairwise_mann_whitney", "mann_whitney")] {
            let list = try #require(omnibus.items.first { $0.name == name }?.contrasts, "\(name)")
            #expect(list.map(\.arms) == plan.contrasts.map { [$0.arm, $0.reference] })
            let own = sections.map { section in section.groups[0].items.first { $0.name == test }!.test! }
            #expect(list.map(\.pValue) == own.map(\.pValue))
            #expect(list.map(\.estimate) == own.map(\.estimate))
            let holm = try adjustPValues(own.map(\.pValue), method: .holm)
            #expect(list.map(\.pairwiseAdjustedPValue) == holm)
        }
        let epsilon = try #require(omnibus.items.first { $0.name == "rank_epsilon_squared" })
        guard case let .effectSize(effect) = epsilon.content else { Issue.record("rank ε² is not an effect size"); return }
        #expect(effect.confidenceInterval == nil)
        #expect(effect.value == (try kruskalWallisTest(plan.arms.map { arm in values.first { $0.0 == arm }!.1.map { $0.1 - $0.0 } })).rankEpsilonSquared)
    }

    /// With three arms each pair is its own section (unadjusted for the pairs); the lists of Welch and
    /// Mann–Whitney contrasts over every pair carry p (pairs), Holm across the pairs: with three pairs the
    /// smallest p is tripled.
    @Test func pairsAreAdjustedAcrossPairs() throws {
        let result = try Self.plan(AnalysisRequest(arms: ["a", "b"]).with(arms: ["a", "b", "c"])).run(on: Self.trial)[0]
        let pairs = result.sections.filter { $0.key == "pairwise" }
        #expect(pairs.count == 3)
        #expect(result.sections.first { $0.key == "between" }?.groups.isEmpty == true)
        let welch = pairs.flatMap(\.groups).flatMap(\.items).filter { $0.name == "welch_t" }.compactMap(\.test)
        #expect(!welch.isEmpty)
        #expect(welch.allSatisfy { $0.pairwiseAdjustedPValue == nil })
        // All arms at once: the omnibus section comes before the pairs.
        let keys = result.sections.map(\.key)
        #expect(keys == ["within", "between", "omnibus", "pairwise", "pairwise", "pairwise"])
        let omnibus = try #require(result.sections.first { $0.key == "omnibus" }?.groups.first)
        #expect(omnibus.arms == ["a", "b", "c"])
        // Arm c has one participant: one-way ANOVA runs (R anova(lm(change ~ arm)) with groups of 3, 2, 1),
        // Welch's ANOVA needs 2 per arm and is a note.
        #expect(omnibus.items.map(\.name).contains("oneway_anova"))
        let tukey = try #require(omnibus.items.first { $0.name == "tukey_hsd" }?.contrasts)
        #expect(tukey.map { $0.arms } == [["a", "c"], ["b", "c"], ["b", "a"]])
        #expect(result.notes.contains { $0.hasPrefix("welch_anova (all arms) not computed:") })
    }

    @Test func unknownNamesListWhatExists() {
        #expect(throws: AnalysisRequestError.unknownName(.outcome, name: "womac", available: ["pain"])) {
            try Self.plan(AnalysisRequest(outcomes: ["womac"], arms: ["a", "b"]))
        }
        #expect(throws: AnalysisRequestError.unknownName(.arm, name: "x", available: ["a", "b", "c"])) {
            try Self.plan(AnalysisRequest(arms: ["a", "x"]))
        }
        #expect(throws: AnalysisRequestError.unknownName(.timepoint, name: "week9", available: ["pre", "post"])) {
            try Self.plan(AnalysisRequest(to: "week9", arms: ["a", "b"]))
        }
        #expect(throws: AnalysisRequestError.unknownName(.covariate, name: "age", available: [])) {
            try Self.plan(AnalysisRequest(arms: ["a", "b"], covariates: ["age"]))
        }
    }

    /// Messages describe the data; the command line, not the analysis layer, names flags.
    @Test func messagesNameNoFlags() {
        let errors: [AnalysisRequestError] = [
            .sameTimepoints("pre"), .invalidArmSelection(["a", "a"]), .referenceNotAnalysed("c", arms: ["a", "b"]),
            .unknownName(.covariate, name: "age", available: ["sex"]),
        ]
        for error in errors { #expect(!error.description.contains("--"), "\(error)") }
    }

    @Test func sameTimepointTwiceIsRejected() {
        #expect(throws: AnalysisRequestError.sameTimepoints("pre")) {
            try Self.plan(AnalysisRequest(from: "pre", to: "pre", arms: ["a", "b"]))
        }
    }

    /// With two arms and no control-like name, the last in sorted order is the reference: b − a.
    @Test func withTwoArmsTheOtherIsComparedWithTheReference() throws {
        let plan = try Self.plan(AnalysisRequest(arms: ["b", "a"], reference: "a"))
        #expect(plan.reference == "a")
        #expect(plan.contrasts == [ArmContrast(arm: "b", reference: "a")])
        let result = try plan.run(on: Self.trial)[0]
        let welch = try #require(result.groups.last?.items.first { $0.name == "welch_t" }?.test)
        // mean change in b is −1, in a −7/3: b − a = 4/3.
        #expect(abs(try #require(welch.estimate) - 4.0 / 3.0) < 1e-12)
        #expect(result.direction == .change(favouring: "b"))
    }

    /// Arm c has one participant: its paired test cannot run, and that is said, not dropped.
    @Test func testsThatCannotRunBecomeNotes() throws {
        let result = try Self.plan(AnalysisRequest(arms: ["a", "c"])).run(on: Self.trial)[0]
        let within = result.sections[0].groups
        #expect(within[1].items(.test).isEmpty)
        #expect(result.notes.contains("paired_t (c) not computed: needs at least 2 pairs, found 1"))
        #expect(result.notes.contains("welch_t (a vs c) not computed: needs at least 2 values in the second sample, found 1"))
        #expect(result.notes.contains { $0.hasPrefix("ancova (a vs c) not computed:") })
        #expect(result.sections[1].groups[0].items(.test).map(\.name) == ["student_t", "mann_whitney"])
    }

    /// One arm: no contrast is planned, and the between section is empty (JSON `null`).
    @Test func oneArmPlansNoContrast() throws {
        let plan = try Self.plan(AnalysisRequest(arms: ["a", "b"]))
        #expect(plan.contrasts.count == 1)
        let single = Trial(source: "inline", arms: [Self.trial.arms[0]], timepoints: ["pre", "post"], outcomes: ["pain"])
        let onlyA = try PrePostPlan(trial: single, request: AnalysisRequest())
        #expect(onlyA.contrasts.isEmpty)
        let result = try onlyA.run(on: single)[0]
        let betweenGroups = result.sections.filter { $0.key == "between" }.flatMap(\.groups)
        #expect(betweenGroups.isEmpty)
    }

    /// Families are one test in one place across outcomes: with Holm and two outcomes whose p-values are
    /// equal, each adjusted p is min(1, 2p); checks are never adjusted.
    @Test func multiplicityAdjustsEachTestAcrossOutcomes() throws {
        var arms = Self.trial.arms
        arms.removeLast()
        let pain = Trial(source: "inline", arms: arms, timepoints: ["pre", "post"], outcomes: ["pain"])
        let results = try PrePostPlan(trial: pain, request: AnalysisRequest()).run(on: pain)
        let twice = try MultiplicityAdjustment.adjust(
            [results[0], results[0]].map { var r = $0; r.adjustment = nil; return r }, method: .holm)
        #expect(twice[0].adjustment?.familySize == 2)
        for item in twice[0].groups.flatMap(\.items) {
            guard let test = item.test else { continue }
            if item.role == .test {
                #expect(test.adjustedPValue == min(1, 2 * test.pValue), "\(item.name)")
            } else {
                #expect(test.adjustedPValue == nil, "\(item.name)")
            }
        }
    }
}

private extension AnalysisRequest {
    func with(arms: [String]) -> AnalysisRequest {
        var copy = self
        copy.arms = arms
        return copy
    }
}
