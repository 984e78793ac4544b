import WalkStatsAnalysis
import WalkStatsStatistics

/// Renders any ``OutcomeResult`` as Markdown: one table of tests per section, then every effect size, every
/// assumption check, every table of model terms and every list of contrasts, then the methods and what
/// could not be computed. It knows roles and shapes, never test names: a new analysis brings its own
/// ``Presentation``.
struct ResultMarkdown {
    let result: OutcomeResult
    let directionSentence: String
    /// Markdown to show under a section's heading, by section key (a report shows its trajectory figure
    /// beside the models over every visit).
    var sectionFigures: [String: String] = [:]

    /// Numbers of the result's scale: one decimal more than the data were recorded with, else (summary data)
    /// chosen from the largest SD of the summaries.
    private var places: Int {
        result.recordedDecimals.map(NumberFormatting.summaryDecimals(recorded:))
            ?? NumberFormatting.decimals(forSpread: result.groups.compactMap { $0.summary?.standardDeviation }.max())
    }

    private var confidenceHeader: String { NumberFormatting.confidenceLabel(result.confidenceLevel) }

    private var adjustedHeader: String { "p (\(result.adjustment?.method.rawValue ?? PValueAdjustment.none.rawValue))" }

    func render(headingLevel: Int) -> String {
        let h = String(repeating: "#", count: headingLevel)
        var text = "\(h) \(result.heading)\n\n" + result.headline.map { "**\($0)**\n\n" }.joined()
            + (directionSentence.isEmpty ? "" : "\(directionSentence)\n\n")
        var first = true
        // A section without a single table row (every test of it not computed) is left out: the headline and
        // the "Not computed" list say why, instead of an empty table.
        func hasTestRows(_ section: ResultSection) -> Bool {
            section.groups.contains { $0.summary != nil || $0.items.contains { $0.role == .test && $0.test != nil } }
        }
        for section in result.sections where hasTestRows(section) {
            text += (first ? "" : "\n") + "\(h)# \(section.heading)\n\n" + testTable(section).render()
                + (section.explanation.isEmpty ? "" : "\n" + section.explanation + "\n")
            first = false
        }
        // Tables of models and contrasts, section by section; a section holding only models (every visit)
        // gets its heading and explanation here.
        for section in result.sections {
            let tables = modelTables(section.groups)
            guard !tables.isEmpty else { continue }
            if !hasTestRows(section) {
                text += "\n\(h)# \(section.heading)\n\n" + (sectionFigures[section.key].map { $0 + "\n" } ?? "")
                    + (section.explanation.isEmpty ? "" : section.explanation + "\n")
            }
            for (heading, table) in tables {
                text += "\n\(h)# \(heading)\n\n" + table.render()
            }
        }
        let effects = effectTable()
        if !effects.rows.isEmpty {
            text += "\n\(h)# Standardised effects\n\n" + effects.render()
                + (result.explanations[.effectSize].map { "\n" + $0 + "\n" } ?? "")
        }
        let checks = checkTable()
        if !checks.rows.isEmpty {
            text += "\n\(h)# Assumption checks\n\n" + checks.render()
                + (result.explanations[.assumptionCheck].map { "\n" + $0 + "\n" } ?? "")
        }
        text += "\n" + methodsParagraph + "\n"
        return text
    }

    // MARK: Tests

    private func testTable(_ section: ResultSection) -> MarkdownTable {
        let leading = (section.groupColumn.map { [$0] } ?? []) + ["Test", "n of \(result.countedOutOf)", section.estimateHeader]
        let pairs = section.groups.contains { $0.items.contains { $0.test?.pairwiseAdjustedPValue != nil } }
        let interval = confidenceHeader + (section.intervalQualifier.map { " (\($0))" } ?? "")
        let trailing = ["Statistic", "df", "p"] + (result.adjustment == nil ? [] : [adjustedHeader]) + (pairs ? ["p (pairs)"] : [])
            + [interval]
        var table = MarkdownTable(headers: leading + trailing,
                                  alignments: Array(repeating: .left, count: leading.count - 2)
                                      + Array(repeating: .right, count: trailing.count + 2))
        for group in section.groups {
            let scope = section.groupColumn == nil ? [] : [group.arms.joined(separator: " − ")]
            if let summary = group.summary {
                table.rows.append(scope + [summary.title, usedOfRandomised(group.analysed, group),
                                           "\(NumberFormatting.value(summary.mean, decimals: places)) "
                                               + "(\(NumberFormatting.value(summary.standardDeviation, decimals: places)))"]
                                  + Array(repeating: "", count: trailing.count))
            }
            for item in group.items(.test) {
                guard let test = item.test else { continue }
                var cells = testCells(test, item.presentation)
                if pairs { cells.insert(test.pairwiseAdjustedPValue.map(NumberFormatting.pValue) ?? "–", at: 5) }
                if result.adjustment == nil { cells.remove(at: 4) }
                table.rows.append(scope + [item.presentation.title, used(test, item, group)] + cells)
            }
        }
        return table
    }

    private func usedOfRandomised(_ sizes: [Int], _ group: ResultGroup) -> String {
        guard sizes.count == group.randomised.count else { return "–" }
        return zip(sizes, group.randomised).map { "\($0) of \($1)" }.joined(separator: " + ")
    }

    /// "23 of 24", or with a count note "23 of 24 (21 non-zero)" where the test counts something else.
    private func used(_ test: HypothesisTestResult, _ item: ResultItem, _ group: ResultGroup) -> String {
        guard let note = item.presentation.countNote else { return usedOfRandomised(test.sampleSizes, group) }
        var text = usedOfRandomised(group.analysed, group)
        if test.sampleSizes != group.analysed {
            text += " (\(test.sampleSizes.map(String.init).joined(separator: " + ")) \(note))"
        }
        return text
    }

    private func testCells(_ test: HypothesisTestResult, _ presentation: Presentation) -> [String] {
        [
            test.estimate.map { "\(presentation.estimateLabel) \(NumberFormatting.value($0, decimals: places))" } ?? "–",
            "\(presentation.statisticSymbol) = "
                + (test.degreesOfFreedom == nil ? NumberFormatting.rankStatistic(test.statistic) : NumberFormatting.statistic(test.statistic)),
            degreesOfFreedom(test),
            NumberFormatting.pValue(test.pValue),
            test.adjustedPValue.map(NumberFormatting.pValue) ?? "–",
            NumberFormatting.interval(test.confidenceInterval?.lower, test.confidenceInterval?.upper, decimals: places)
                + levelNote(test.confidenceInterval, shown: presentation.reportsAchievedLevel),
        ]
    }

    /// "22", "2, 57" for an F test, "–" for a rank test.
    private func degreesOfFreedom(_ test: HypothesisTestResult) -> String {
        let df = [test.degreesOfFreedom, test.denominatorDegreesOfFreedom].compactMap { $0 }
        return df.isEmpty ? "–" : df.map(NumberFormatting.degreesOfFreedom).joined(separator: ", ")
    }

    /// An exact rank interval's achieved level, when it differs from the requested one.
    private func levelNote(_ interval: ConfidenceInterval?, shown: Bool) -> String {
        guard shown, let interval else { return "" }
        let achieved = NumberFormatting.confidenceLabel(interval.level)
        return achieved == confidenceHeader ? "" : " (achieved \(achieved))"
    }

    // MARK: Models and contrasts

    /// One table per item holding model terms or contrasts, in section order.
    private func modelTables(_ groups: [ResultGroup]) -> [(String, MarkdownTable)] {
        var tables: [(String, MarkdownTable)] = []
        for group in groups {
            for item in group.items {
                let scope = group.arms.joined(separator: ", ")
                switch item.content {
                case let .terms(_, terms):
                    tables.append(("\(item.presentation.title) (\(scope))", termTable(terms, symbol: item.presentation.statisticSymbol)))
                case let .contrasts(_, pairsAdjustment, contrasts):
                    let adjusted = result.adjustment != nil
                    var table = MarkdownTable(headers: ["Contrast", item.presentation.estimateLabel.capitalizedFirst, confidenceHeader,
                                                       "Statistic", "df", "p"] + (adjusted ? [adjustedHeader] : [])
                                                  + ["p (pairs, \(pairsAdjustment))"],
                                              alignments: [.left] + Array(repeating: .right, count: adjusted ? 7 : 6))
                    for contrast in contrasts {
                        let statistic: String = contrast.statistic.map { "\(item.presentation.statisticSymbol) = \(NumberFormatting.statistic($0))" } ?? "–"
                        var cells: [String] = [
                            contrast.arms.joined(separator: " − "), NumberFormatting.value(contrast.estimate, decimals: places),
                            NumberFormatting.interval(contrast.confidenceInterval?.lower, contrast.confidenceInterval?.upper,
                                                      decimals: places),
                            statistic,
                            contrast.degreesOfFreedom.map(NumberFormatting.degreesOfFreedom) ?? "–",
                            contrast.pValue.map(NumberFormatting.pValue) ?? "–",
                        ]
                        if adjusted { cells.append(contrast.adjustedPValue.map(NumberFormatting.pValue) ?? "–") }
                        cells.append(contrast.pairwiseAdjustedPValue.map(NumberFormatting.pValue) ?? "–")
                        table.rows.append(cells)
                    }
                    tables.append(("\(item.presentation.title) (\(scope))", table))
                case let .model(_, terms, visitContrasts, visitsAdjustment):
                    if !terms.isEmpty {
                        tables.append(("\(item.presentation.title): terms (\(scope))", termTable(terms, symbol: item.presentation.statisticSymbol)))
                    }
                    guard !visitContrasts.isEmpty else { continue }
                    var table = MarkdownTable(headers: ["Visit", "Contrast", item.presentation.estimateLabel.capitalizedFirst, "SE", "df",
                                                       confidenceHeader, "p"] + (visitsAdjustment.map { ["p (visits, \($0))"] } ?? []),
                                              alignments: [.left, .left] + Array(repeating: .right, count: visitsAdjustment == nil ? 5 : 6))
                    for contrast in visitContrasts {
                        table.rows.append([
                            contrast.timepoint ?? "–", contrast.arms.joined(separator: " − "),
                            NumberFormatting.value(contrast.estimate, decimals: places),
                            NumberFormatting.value(contrast.standardError, decimals: places),
                            contrast.degreesOfFreedom.map(NumberFormatting.degreesOfFreedom) ?? "–",
                            NumberFormatting.interval(contrast.confidenceInterval?.lower, contrast.confidenceInterval?.upper, decimals: places),
                            contrast.pValue.map(NumberFormatting.pValue) ?? "–",
                        ] + (visitsAdjustment == nil ? [] : [contrast.pairwiseAdjustedPValue.map(NumberFormatting.pValue) ?? "–"]))
                    }
                    tables.append(("\(item.presentation.title): arm difference at each visit (\(scope))", table))
                case .test, .effectSize:
                    continue
                }
            }
        }
        return tables
    }

    /// A table of model terms: estimate, SE, statistic (`symbol` = value), df (and df2), p.
    private func termTable(_ terms: [ModelTerm], symbol: String) -> MarkdownTable {
        var table = MarkdownTable(headers: ["Term", "Estimate", "SE", "Statistic", "df", "p"],
                                  alignments: [.left] + Array(repeating: .right, count: 5))
        for term in terms {
            let df = [term.degreesOfFreedom, term.denominatorDegreesOfFreedom].compactMap { $0 }
            let details = term.details.compactMap { field -> String? in
                guard case let .number(x?) = field.value else { return nil }
                return "\(field.key) = \(NumberFormatting.fixed(x, decimals: 3))"
            }
            table.rows.append([
                term.term + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")"),
                NumberFormatting.value(term.estimate, decimals: places),
                NumberFormatting.value(term.standardError, decimals: places),
                term.statistic.map { "\(symbol) = \(NumberFormatting.statistic($0))" } ?? "–",
                df.isEmpty ? "–" : df.map(NumberFormatting.degreesOfFreedom).joined(separator: ", "),
                term.pValue.map(NumberFormatting.pValue) ?? "–",
            ])
        }
        return table
    }

    // MARK: Effects and checks

    private func effectTable() -> MarkdownTable {
        var table = MarkdownTable(headers: ["Effect", "Of", "n", "Value", confidenceHeader],
                                  alignments: [.left, .left, .right, .right, .right])
        for group in result.groups {
            for item in group.items {
                guard case let .effectSize(effect) = item.content else { continue }
                table.rows.append([item.presentation.title, group.effectSubject,
                                   effect.sampleSizes.map(String.init).joined(separator: " + "),
                                   NumberFormatting.value(effect.value, decimals: 2),
                                   NumberFormatting.interval(effect.confidenceInterval?.lower, effect.confidenceInterval?.upper, decimals: 2)])
            }
        }
        return table
    }

    private func checkTable() -> MarkdownTable {
        var table = MarkdownTable(headers: ["Check", "Of", "n", "Statistic", "df", "p"],
                                  alignments: [.left, .left, .right, .right, .right, .right])
        for group in result.groups {
            for item in group.items(.assumptionCheck) {
                guard let check = item.test else { continue }
                table.rows.append([item.presentation.title, group.checkSubject, check.sampleSizes.map(String.init).joined(separator: " + "),
                                   "\(item.presentation.statisticSymbol) = \(NumberFormatting.value(check.statistic, decimals: 3))",
                                   degreesOfFreedom(check),
                                   NumberFormatting.pValue(check.pValue)])
            }
        }
        return table
    }

    // MARK: Methods

    /// What ran, on whom, how missing values and multiplicity were handled, and what was not computed.
    private var methodsParagraph: String {
        var text = result.methodsSentences.joined(separator: " ")
        if !result.notes.isEmpty {
            text += "\n\nNot computed (the data cannot support these; nothing else was dropped):\n\n"
                + result.notes.map { "- \($0)" }.joined(separator: "\n")
        }
        return text
    }
}

extension String {
    /// The string with its first character upper-cased ("estimate" → "Estimate").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
