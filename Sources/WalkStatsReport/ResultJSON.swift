import WalkStatsAnalysis
import WalkStatsStatistics

/// Renders any ``OutcomeResult`` as JSON: its fields, each section's groups (a list, or for a single-object
/// section such as the two-arm `between`, the object or `null`), the adjustment and the notes. Each group
/// writes its fields and then its items by role (`tests`, `effect_sizes`, `assumption_checks`), model
/// tables and contrasts; each item is written by its shape, never by its name.
enum ResultJSON {
    /// The list key of each role.
    static func key(_ role: ResultItem.Role) -> String {
        switch role {
        case .test: return "tests"
        case .effectSize: return "effect_sizes"
        case .assumptionCheck: return "assumption_checks"
        }
    }

    /// The result as one object; `extra` fields go after the adjustment, before the notes.
    static func object(_ result: OutcomeResult, extra: [(String, JSONValue)] = []) -> JSONValue {
        var fields = result.fields.map { ($0.key, value($0.value)) }
        var keys: [String] = []
        for section in result.sections where !keys.contains(section.key) { keys.append(section.key) }
        for key in keys {
            let sections = result.sections.filter { $0.key == key }
            let groups = sections.flatMap(\.groups).map(object)
            if sections.count == 1, sections[0].isSingleObject, groups.count <= 1 {
                fields.append((key, groups.first ?? .null))
            } else {
                fields.append((key, .array(groups)))
            }
        }
        if let adjustment = result.adjustment {
            fields.append(("adjustment", .object([("method", .string(adjustment.method.rawValue)),
                                                  ("family_size", .int(adjustment.familySize))])))
        }
        return .object(fields + extra + [("notes", .array(result.notes.map(JSONValue.string)))])
    }

    /// A group: its fields, its tests, effects and checks by role, then — only when it has them — its
    /// tables of model terms (`models`) and its contrasts (`contrasts`, one flat list over every list of
    /// contrasts, each entry naming its method). Each item is written by its shape, in the plan's order.
    static func object(_ group: ResultGroup) -> JSONValue {
        var byRole: [ResultItem.Role: [JSONValue]] = [:]
        var models: [JSONValue] = []
        var contrasts: [JSONValue] = []
        for item in group.items {
            switch item.content {
            case let .test(test):
                byRole[item.role, default: []].append(object(test, name: item.name, adjustable: item.role == .test))
            case let .effectSize(effect):
                byRole[item.role, default: []].append(object(effect, name: item.name))
            case let .terms(method, terms):
                models.append(.object([
                    ("name", .string(item.name)), ("method", .string(method)),
                    ("terms", .array(terms.map { term in
                        .object([("term", .string(term.term)), ("estimate", .number(term.estimate)), ("se", .number(term.standardError)),
                                 ("statistic", .number(term.statistic)), ("df", .number(term.degreesOfFreedom)),
                                 ("df2", .number(term.denominatorDegreesOfFreedom)), ("p_value", .number(term.pValue))])
                    })),
                ]))
            case let .model(method, terms, visitContrasts, visitsAdjustment):
                models.append(.object([
                    ("name", .string(item.name)), ("method", .string(method)),
                    ("terms", .array(terms.map { term in
                        .object([("term", .string(term.term)), ("estimate", .number(term.estimate)), ("se", .number(term.standardError)),
                                 ("statistic", .number(term.statistic)), ("df", .number(term.degreesOfFreedom)),
                                 ("df2", .number(term.denominatorDegreesOfFreedom)), ("p_value", .number(term.pValue))]
                                + term.details.map { ($0.key, value($0.value)) })
                    })),
                    ("visit_contrasts", .array(visitContrasts.map { contrast in
                        .object([("timepoint", contrast.timepoint.map(JSONValue.string) ?? .null),
                                 ("arms", .array(contrast.arms.map(JSONValue.string))),
                                 ("estimate", .number(contrast.estimate)), ("se", .number(contrast.standardError)),
                                 ("df", .number(contrast.degreesOfFreedom)),
                                 ("ci_low", .number(contrast.confidenceInterval?.lower)),
                                 ("ci_high", .number(contrast.confidenceInterval?.upper)),
                                 ("conf_level", .number(contrast.confidenceInterval?.level)),
                                 ("statistic", .number(contrast.statistic)), ("p_value", .number(contrast.pValue)),
                                 ("p_adjusted_visits", .number(contrast.pairwiseAdjustedPValue))])
                    })),
                    ("visits_adjustment", visitsAdjustment.map(JSONValue.string) ?? .null),
                ]))
            case let .contrasts(method, pairsAdjustment, list):
                contrasts += list.map { contrast in
                    .object([("name", .string(item.name)), ("method", .string(method)),
                             ("arms", .array(contrast.arms.map(JSONValue.string))),
                             ("estimate", .number(contrast.estimate)),
                             ("ci_low", .number(contrast.confidenceInterval?.lower)),
                             ("ci_high", .number(contrast.confidenceInterval?.upper)),
                             ("conf_level", .number(contrast.confidenceInterval?.level)),
                             ("statistic", .number(contrast.statistic)), ("df", .number(contrast.degreesOfFreedom)),
                             ("p_value", .number(contrast.pValue)), ("p_adjusted", .number(contrast.adjustedPValue)),
                             ("p_adjusted_pairs", .number(contrast.pairwiseAdjustedPValue)),
                             ("pairs_adjustment", .string(pairsAdjustment))])
                }
            }
        }
        var fields = group.fields.map { ($0.key, value($0.value)) }
            + ResultItem.Role.allCases.map { role in (key(role), JSONValue.array(byRole[role] ?? [])) }
        if !models.isEmpty { fields.append(("models", .array(models))) }
        if !contrasts.isEmpty { fields.append(("contrasts", .array(contrasts))) }
        return .object(fields)
    }

    /// A hypothesis test as `{name, method, n, statistic, df, [df2], p_value, [p_adjusted], estimate, se,
    /// ci_low, ci_high, conf_level}`; `p_adjusted` only where the test joins a multiplicity family.
    static func object(_ test: HypothesisTestResult, name: String? = nil, adjustable: Bool = true) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("name", .string(name ?? test.name.rawValue)), ("method", .string(test.method)),
            ("n", .array(test.sampleSizes.map(JSONValue.int))),
            ("statistic", .number(test.statistic)), ("df", .number(test.degreesOfFreedom)),
        ]
        if let df2 = test.denominatorDegreesOfFreedom { fields.append(("df2", .number(df2))) }
        fields.append(("p_value", .number(test.pValue)))
        if adjustable { fields.append(("p_adjusted", .number(test.adjustedPValue))) }
        if let pairs = test.pairwiseAdjustedPValue { fields.append(("p_adjusted_pairs", .number(pairs))) }
        return .object(fields + [
            ("estimate", .number(test.estimate)), ("se", .number(test.standardError)),
            ("ci_low", .number(test.confidenceInterval?.lower)), ("ci_high", .number(test.confidenceInterval?.upper)),
            ("conf_level", .number(test.confidenceInterval?.level)),
        ])
    }

    /// A standardised effect as `{name, n, value, ci_low, ci_high, conf_level}`.
    static func object(_ effect: EffectSize, name: String? = nil) -> JSONValue {
        .object([
            ("name", .string(name ?? effect.name.rawValue)), ("n", .array(effect.sampleSizes.map(JSONValue.int))),
            ("value", .number(effect.value)),
            ("ci_low", .number(effect.confidenceInterval?.lower)), ("ci_high", .number(effect.confidenceInterval?.upper)),
            ("conf_level", .number(effect.confidenceInterval?.level)),
        ])
    }

    static func value(_ value: ResultValue) -> JSONValue {
        switch value {
        case let .string(text): return .string(text)
        case let .int(count): return .int(count)
        case let .number(x): return .number(x)
        case let .strings(names): return .array(names.map(JSONValue.string))
        case let .counts(counts): return .object(counts.map { ($0.name, .int($0.count)) })
        }
    }
}
