import Foundation
import WalkStatsModel
import WalkStatsStatistics

/// The data a model over every visit receives: each participant's values of one outcome at the trial's
/// visits, with the arm, for the arms analysed.
public struct VisitsData: Sendable {
    /// One participant's measurements.
    public struct Participant: Sendable {
        /// The participant id.
        public let id: String
        /// The arm.
        public let arm: String
        /// Values by visit (visits without a value absent).
        public let values: [String: Double]
    }

    /// The arms, in the plan's order.
    public let arms: [String]
    /// The reference arm: differences are arm − reference.
    public let reference: String
    /// Every visit, in time order; the first is the baseline of the per-visit ANCOVA.
    public let visits: [String]
    /// The participants of the arms analysed.
    public let participants: [Participant]
    /// The confidence level.
    public let confidenceLevel: Double

    /// The arms with the reference first (the factor order of the models, so coefficients are arm − reference).
    var levels: [String] { [reference] + arms.filter { $0 != reference } }

    init(trial: Trial, outcome: String, arms: [String], reference: String, visits: [String], confidenceLevel: Double) {
        self.arms = arms
        self.reference = reference
        self.visits = visits
        self.confidenceLevel = confidenceLevel
        participants = arms.compactMap { trial.arm(named: $0) }.flatMap { arm in
            arm.participants.map { participant in
                Participant(id: participant.id, arm: arm.name, values: Dictionary(uniqueKeysWithValues: visits.compactMap { visit in
                    participant.value(of: outcome, at: visit).map { (visit, $0) }
                }))
            }
        }
    }
}

/// The models over every visit of a parallel trial with three or more visits: ANCOVA at each follow-up
/// visit, the mixed ANOVA of arm × time on complete cases, and the linear mixed model on every measurement.
public extension PlannedAnalysis where Input == VisitsData {
    /// The names of the models, as `--models` takes them.
    static var modelNames: [String] { ["ancova_by_visit", "mixed_anova", "lmm", "mmrm"] }

    /// The arm effect at every follow-up visit adjusted for the first visit (R `lm(visit ~ baseline + arm)` per
    /// visit, complete cases of that visit), each arm − the reference; p (visits) Holm-adjusted over the
    /// visits of each arm (stated, since one question is asked once per visit).
    static var ancovaByVisit: Self {
        Self(name: "ancova_by_visit", role: .test,
             presentation: Presentation(title: "ANCOVA at each visit, adjusted for the first visit", estimateLabel: "adjusted difference")) { data in
            let baseline = data.visits[0]
            let others = data.arms.filter { $0 != data.reference }
            var effects: [(visit: String, arm: String, test: HypothesisTestResult)] = []
            var counts: [String] = []
            for visit in data.visits.dropFirst() {
                let complete = data.participants.filter { $0.values[baseline] != nil && $0.values[visit] != nil }
                counts.append("\(visit) \(complete.count)")
                let fit = try WalkStatsStatistics.ancova(followUp: complete.map { $0.values[visit]! }, baseline: complete.map { $0.values[baseline]! },
                                     arm: complete.map(\.arm), reference: data.reference,
                                     comparedArms: others, confidenceLevel: data.confidenceLevel)
                effects += zip(others, fit.effects).map { (visit, $0, $1) }
            }
            // Holm over the visits of each arm.
            var adjusted: [Double] = Array(repeating: .nan, count: effects.count)
            for arm in others {
                let indices = effects.indices.filter { effects[$0].arm == arm }
                for (index, p) in zip(indices, try adjustPValues(indices.map { effects[$0].test.pValue }, method: .holm)) { adjusted[index] = p }
            }
            let contrasts = zip(effects, adjusted).map { effect, p in
                ContrastResult(name: "\(effect.arm) - \(data.reference)", arms: [effect.arm, data.reference], estimate: effect.test.estimate,
                               confidenceInterval: effect.test.confidenceInterval, statistic: effect.test.statistic,
                               degreesOfFreedom: effect.test.degreesOfFreedom, pValue: effect.test.pValue, pairwiseAdjustedPValue: p,
                               timepoint: effect.visit, standardError: effect.test.standardError)
            }
            return .model(method: "ANCOVA per visit: lm(visit ~ \(baseline) + arm), complete cases of each visit (participants with "
                            + "\(baseline) and the visit: \(counts.joined(separator: ", ")) of \(data.participants.count))",
                          terms: [], visitContrasts: contrasts, visitsAdjustment: PValueAdjustment.holm.rawValue)
        }
    }

    /// Mixed ANOVA of arm × time over every visit, participants measured at all visits (R
    /// `afex::aov_ez(between = "arm", within = "time", type = 3)`): each effect with its generalised η²
    /// (`ges`), then for a within effect Mauchly's test (`w`) and the Greenhouse–Geisser and Huynh–Feldt
    /// corrected rows (`epsilon`, corrected df and p).
    static var mixedANOVA: Self {
        Self(name: "mixed_anova", role: .test,
             presentation: Presentation(title: "Mixed ANOVA, arm × time (complete cases)", statisticSymbol: "F")) { data in
            let complete = data.participants.filter { participant in data.visits.allSatisfy { participant.values[$0] != nil } }
            let groups = data.levels.map { arm in complete.filter { $0.arm == arm }.map { p in data.visits.map { p.values[$0]! } } }
            let fit = try WalkStatsStatistics.mixedANOVA(groups, armNames: data.levels, timeNames: data.visits)
            let terms = ModelTerm.terms(of: fit)
            return .model(method: "Mixed ANOVA (type 3): afex::aov_ez(between = \"arm\", within = \"time\"), \(complete.count) participants "
                            + "measured at every visit; ges = generalised η², epsilon as car prints it (Huynh–Feldt uncapped, its df and p with min(1, ε))",
                          terms: terms, visitContrasts: [], visitsAdjustment: nil)
        }
    }

    /// The linear mixed model on every measurement (R `lmer(value ~ arm * time + (1 | participant))` by REML,
    /// lmerTest's Satterthwaite df), with the arm difference at each visit (`emmeans(fit, pairwise ~ arm |
    /// time)`, Satterthwaite df), each arm − the reference.
    static var lmm: Self {
        Self(name: "lmm", role: .test,
             presentation: Presentation(title: "Linear mixed model, every measurement", estimateLabel: "difference")) { data in
            var value: [Double] = [], participant: [String] = [], arm: [String] = [], time: [String] = []
            for p in data.participants {
                for visit in data.visits {
                    guard let v = p.values[visit] else { continue }
                    value.append(v); participant.append(p.id); arm.append(p.arm); time.append(visit)
                }
            }
            let fit = try linearMixedModel(value: value, participant: participant, arm: arm, time: time, armLevels: data.levels,
                                           timeLevels: data.visits, confidenceLevel: data.confidenceLevel)
            var terms = fit.coefficients.map { c in
                ModelTerm(term: c.term, estimate: c.inference.estimate, standardError: c.inference.standardError,
                          statistic: c.inference.statistic, degreesOfFreedom: c.inference.degreesOfFreedom, pValue: c.inference.pValue)
            }
            terms.append(ModelTerm(term: "participant (intercept) variance", estimate: fit.participantVariance))
            terms.append(ModelTerm(term: "residual variance", estimate: fit.residualVariance))
            return .model(method: "Linear mixed model by REML: lmer(value ~ arm * time + (1 | participant)), \(fit.participants) participants, "
                            + "\(fit.observations) measurements, Satterthwaite df (lmerTest)" + (fit.isSingular ? "; singular fit (participant variance 0)" : ""),
                          terms: terms, visitContrasts: turnedRound(fit.armDifferences), visitsAdjustment: nil)
        }
    }

    /// The MMRM, the usual primary analysis of a longitudinal trial: `value ~ baseline + arm * time` over the
    /// follow-up visits, unstructured covariance, REML (R `nlme::gls(correlation = corSymm(), weights =
    /// varIdent())`), every available follow-up measurement of participants with a baseline value; the arm
    /// difference at each follow-up visit with analytic Satterthwaite df.
    static var mmrm: Self {
        Self(name: "mmrm", role: .test,
             presentation: Presentation(title: "MMRM (unstructured covariance)", estimateLabel: "difference")) { data in
            var value: [Double] = [], participant: [String] = [], arm: [String] = [], time: [String] = []
            for p in data.participants where p.values[data.visits[0]] != nil {
                for visit in data.visits {
                    guard let v = p.values[visit] else { continue }
                    value.append(v); participant.append(p.id); arm.append(p.arm); time.append(visit)
                }
            }
            let fit = try mixedModelForRepeatedMeasures(value: value, participant: participant, arm: arm, time: time,
                                                         armLevels: data.levels, timeLevels: data.visits,
                                                         confidenceLevel: data.confidenceLevel)
            let terms = fit.coefficients.map { c in
                ModelTerm(term: c.term, estimate: c.inference.estimate, standardError: c.inference.standardError,
                          statistic: c.inference.statistic, degreesOfFreedom: c.inference.degreesOfFreedom, pValue: c.inference.pValue)
            }
            return .model(method: "MMRM by REML: gls(value ~ \(fit.baselineTime) + arm * time, corSymm, varIdent) over "
                            + "\(fit.followUpTimes.joined(separator: ", ")), \(fit.participants) participants, \(fit.observations) follow-up "
                            + "measurements, \(fit.degreesOfFreedomMethod) df",
                          terms: terms, visitContrasts: turnedRound(fit.armDifferences), visitsAdjustment: nil)
        }
    }

    /// emmeans' contrasts run earlier level − later level; each is turned round to arm − reference (or the
    /// later − the earlier of two other arms), as every WalkStats difference reads.
    private static func turnedRound(_ differences: [MixedModelArmDifference]) -> [ContrastResult] {
        differences.map { d in
            ContrastResult(name: "\(d.subtracted) - \(d.arm)", arms: [d.subtracted, d.arm], estimate: -d.inference.estimate,
                           confidenceInterval: ConfidenceInterval(level: d.confidenceInterval.level, lower: -d.confidenceInterval.upper,
                                                                  upper: -d.confidenceInterval.lower),
                           statistic: -d.inference.statistic, degreesOfFreedom: d.inference.degreesOfFreedom, pValue: d.inference.pValue,
                           timepoint: d.time, standardError: d.inference.standardError)
        }
    }
}

extension ModelTerm {
    /// The terms of a mixed or repeated-measures ANOVA: each effect with its generalised η² (`ges`), then
    /// for a within effect with three or more levels Mauchly's test (`w`) and the Greenhouse–Geisser and
    /// Huynh–Feldt rows (`epsilon`, corrected df and p; Huynh–Feldt's df and p with min(1, ε)).
    /// `within` names the within-participant factor (`time` for visits, `condition` for conditions).
    static func terms(of fit: MixedANOVA, within: String = "time") -> [ModelTerm] {
        var terms: [ModelTerm] = []
        for effect in fit.effects {
            let name = effect.name.replacingOccurrences(of: "time", with: within)
            var term = ModelTerm(term: name, statistic: effect.test.statistic, degreesOfFreedom: effect.test.degreesOfFreedom,
                                 denominatorDegreesOfFreedom: effect.test.denominatorDegreesOfFreedom, pValue: effect.test.pValue)
            term.details = [ResultField("ges", .number(effect.generalizedEtaSquared))]
            terms.append(term)
            guard let sphericity = effect.sphericity, let df = effect.test.degreesOfFreedom,
                  let df2 = effect.test.denominatorDegreesOfFreedom else { continue }
            if let mauchly = sphericity.mauchly {
                var test = ModelTerm(term: "\(name), Mauchly's test", pValue: mauchly.pValue)
                test.details = [ResultField("w", .number(mauchly.w))]
                terms.append(test)
            }
            let gg = sphericity.greenhouseGeisserEpsilon, hf = sphericity.huynhFeldtEpsilon
            var greenhouse = ModelTerm(term: "\(name), Greenhouse–Geisser", statistic: effect.test.statistic,
                                       degreesOfFreedom: df * gg, denominatorDegreesOfFreedom: df2 * gg,
                                       pValue: sphericity.greenhouseGeisserPValue)
            greenhouse.details = [ResultField("epsilon", .number(gg))]
            var huynh = ModelTerm(term: "\(name), Huynh–Feldt", statistic: effect.test.statistic,
                                  degreesOfFreedom: df * min(1, hf), denominatorDegreesOfFreedom: df2 * min(1, hf),
                                  pValue: sphericity.huynhFeldtPValue)
            huynh.details = [ResultField("epsilon", .number(hf))]
            terms += [greenhouse, huynh]
        }
        return terms
    }
}
