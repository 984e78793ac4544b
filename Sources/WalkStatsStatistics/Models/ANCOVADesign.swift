import WalkStatsGSL
import WalkStatsModel

/// What one column of the ANCOVA design matrix stands for, so that a rank deficiency can be reported
/// in the user's terms.
enum ANCOVAColumn: Equatable {
    case intercept
    case baseline
    case arm(level: String, reference: String)
    case numeric(covariate: String)
    case level(covariate: String, level: String)

    /// The column in words, for messages.
    var label: String {
        switch self {
        case .intercept: return "the intercept"
        case .baseline: return "the baseline"
        case let .arm(level, reference): return "the arm indicator (\(level) vs \(reference))"
        case let .numeric(covariate): return "covariate '\(covariate)'"
        case let .level(covariate, level): return "level '\(level)' of covariate '\(covariate)'"
        }
    }
}

/// The design matrix of R's `lm(follow_up ~ baseline + arm + covariates)` with `arm` a factor whose
/// first level is the reference arm:
///
/// ```
/// column 0          1                                  (intercept)
/// column 1          baseline
/// columns 2…        per non-reference arm a, in code-point order:
///                   1 if arm a, 0 otherwise            (R's coefficient "arm<a>" = a − reference)
/// then, per covariate in the order given:
///   numeric         the value
///   categorical     one 0/1 column per level except the first, levels in code-point order
///                   (R's treatment coding, contr.treatment)
/// ```
struct ANCOVADesign {
    /// One row per participant.
    let rows: [[Double]]
    /// What each column means.
    let columns: [ANCOVAColumn]
    /// R's name for each column's coefficient: `(Intercept)`, `baseline`, `arm<a>`, `<covariate>`,
    /// `<covariate><level>` (the name R gives when the covariate is a factor column of the data frame).
    let terms: [String]
    /// For each column, the arm whose indicator it is (nil for other columns).
    let armColumns: [String?]
    /// The model as R would write it, such as `follow-up ~ baseline + arm + age + factor(sex)`.
    let formula: String

    /// Builds the design from validated inputs (equal lengths, finite numbers, no empty level).
    /// - Parameter comparedArms: the non-reference arms, in code-point order (from the validation).
    init(baseline: [Double], arm: [String], reference: String, comparedArms: [String], covariates: [Covariate]) {
        var columnValues: [[Double]] = [baseline.map { _ in 1 }, baseline]
        var columns: [ANCOVAColumn] = [.intercept, .baseline]
        var names = ["(Intercept)", "baseline"]
        for level in comparedArms {
            columnValues.append(arm.map { $0.utf8.elementsEqual(level.utf8) ? 1 : 0 })
            columns.append(.arm(level: level, reference: reference))
            names.append("arm" + level)
        }
        var terms = ["baseline", "arm"]
        for covariate in covariates {
            switch covariate.values {
            case let .numeric(values):
                columnValues.append(values)
                columns.append(.numeric(covariate: covariate.name))
                names.append(covariate.name)
                terms.append(covariate.name)
            case let .categorical(values):
                for level in Self.sortedLevels(values).dropFirst() {
                    columnValues.append(values.map { $0.utf8.elementsEqual(level.utf8) ? 1 : 0 })
                    columns.append(.level(covariate: covariate.name, level: level))
                    names.append(covariate.name + level)
                }
                terms.append("factor(\(covariate.name))")
            }
        }
        self.rows = baseline.indices.map { i in columnValues.map { $0[i] } }
        self.columns = columns
        self.terms = names
        self.armColumns = columns.map { if case let .arm(level, _) = $0 { level } else { nil } }
        self.formula = "follow-up ~ " + terms.joined(separator: " + ")
    }

    /// The distinct levels sorted by Unicode code point (byte order of UTF-8), R's `factor()` order in
    /// the C locale. R sorts in the session's locale, which agrees for levels such as `F`/`M` or
    /// lower-case ASCII words, but not, for example, for `b` vs `B` in en_US. Strings are compared by
    /// their code points, not by Swift's canonical equivalence, because R treats differently encoded
    /// strings as different levels.
    static func sortedLevels(_ values: [String]) -> [String] {
        var seen = Set<[UInt8]>()
        let distinct = values.filter { seen.insert(Array($0.utf8)).inserted }
        return distinct.sorted { $0.precedesByCodePoint($1) }
    }

    /// Fits `response` on this design (or on the columns `keeping` of it) by least squares, as ANCOVA
    /// does: n must exceed the number of columns, a rank deficiency is explained in the user's terms, and
    /// an essentially perfect fit (R's `summary.lm` rule) is refused.
    /// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)``,
    ///   ``StatisticsError/invalidRequest(_:)`` (rank deficiency, a failed fit),
    ///   ``StatisticsError/zeroVariance(what:)`` (a perfect fit).
    func fit(_ response: [Double], keeping kept: [Int]? = nil) throws -> LinearLeastSquaresFit {
        let kept = kept ?? Array(columns.indices)
        let rows = kept.count == columns.count ? self.rows : self.rows.map { row in kept.map { row[$0] } }
        let (n, p) = (response.count, kept.count)
        guard n > p else {
            throw StatisticsError.insufficientObservations(what: "participants for a model with \(p) coefficients (n must exceed p)",
                                                           needed: p + 1, got: n)
        }
        let fit: LinearLeastSquaresFit
        do {
            fit = try LinearLeastSquares.fit(design: rows, response: response)
        } catch let LinearLeastSquaresError.rankDeficient(_, _, aliased) {
            throw StatisticsError.invalidRequest(rankDeficiencyMessage(aliased.map { column in
                AliasedColumn(column: kept[column.column],
                              combination: Dictionary(uniqueKeysWithValues: column.combination.map { (kept[$0.key], $0.value) }))
            }))
        } catch let error as LinearLeastSquaresError {
            throw StatisticsError.invalidRequest("ANCOVA could not be fitted: \(error)")
        }
        guard !ANCOVAValidation.isEssentiallyPerfectFit(fit, rows: rows) else {
            throw StatisticsError.zeroVariance(what: "the model residuals (an essentially perfect fit)")
        }
        return fit
    }

    /// Explains a rank deficiency found by ``LinearLeastSquares`` in terms of baseline, arm and covariates.
    func rankDeficiencyMessage(_ aliased: [AliasedColumn]) -> String {
        guard !aliased.isEmpty else {
            return "the design matrix is rank-deficient: some covariates are (numerically) linear combinations "
                + "of the baseline, the arm and the other covariates; drop or recode them"
        }
        return "the design matrix is rank-deficient: " + aliased.map(describe).joined(separator: "; ")
            + "; drop or recode the covariate (R's lm would silently report NA for the aliased coefficient)"
    }

    private func describe(_ aliased: AliasedColumn) -> String {
        let subject = columns[aliased.column]
        let others = aliased.involvedColumns.filter { columns[$0] != .intercept }
        switch others.count {
        case 0:
            return "\(subject.label) is (numerically) constant in the analysed participants"
        case 1:
            if case let .numeric(first) = columns[others[0]], case let .numeric(second) = subject {
                return "covariates '\(first)' and '\(second)' are perfectly collinear"
            }
            return "\(columns[others[0]].label) and \(subject.label) are perfectly collinear"
        default:
            let labels = others.map { columns[$0].label }
            let list = labels.dropLast().joined(separator: ", ") + " and " + labels.last!
            let intercept = aliased.involvedColumns.contains { columns[$0] == .intercept }
            return "\(subject.label) is a linear combination of \(list)\(intercept ? " (plus a constant)" : "")"
        }
    }
}
