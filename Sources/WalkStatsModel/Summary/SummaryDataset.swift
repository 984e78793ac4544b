/// The per-arm summaries of one or more published studies, with what is known about each study, and
/// lookups by study, arm, timepoint and outcome. Orders are the order of first appearance.
///
/// A dataset does not check that every summary's study has a ``StudyDescription``
/// (see ``studiesWithoutDescription``) nor that keys are unique: the importers reject duplicate rows,
/// and the lookups return the first match.
public struct SummaryDataset: Sendable, Equatable {
    /// The arm summaries in file order.
    public let summaries: [ArmSummary]
    /// The study descriptions in sheet order.
    public let studies: [StudyDescription]

    /// Creates a dataset.
    public init(summaries: [ArmSummary], studies: [StudyDescription] = []) {
        self.summaries = summaries
        self.studies = studies
    }

    /// Every study id, from the summaries and then the study sheet, without repeats.
    public var studyIDs: [String] { (summaries.map(\.study) + studies.map(\.id)).uniqueInOrder() }

    /// The description of study `id`, if the sheet has one.
    public func study(_ id: String) -> StudyDescription? {
        studies.first { $0.id == id }
    }

    /// Study ids that have summaries but no description.
    public var studiesWithoutDescription: [String] {
        summaries.map(\.study).uniqueInOrder().filter { study($0) == nil }
    }

    /// The summaries of study `id`.
    public func summaries(study id: String) -> [ArmSummary] {
        summaries.filter { $0.study == id }
    }

    /// The arms (or conditions) of one comparison, in file order.
    public func summaries(study id: String, timepoint: String, outcome: String) -> [ArmSummary] {
        summaries.filter { $0.study == id && $0.timepoint == timepoint && $0.outcome == outcome }
    }

    /// The arms of the comparison `key`, in file order.
    public func summaries(for key: SummaryComparisonKey) -> [ArmSummary] {
        summaries(study: key.study, timepoint: key.timepoint, outcome: key.outcome)
    }

    /// The summary of one group, if present.
    public func summary(study id: String, arm: String, timepoint: String, outcome: String) -> ArmSummary? {
        summaries.first { $0.study == id && $0.arm == arm && $0.timepoint == timepoint && $0.outcome == outcome }
    }

    /// The summary with `key`, if present.
    public func summary(_ key: SummaryKey) -> ArmSummary? {
        summary(study: key.study, arm: key.arm, timepoint: key.timepoint, outcome: key.outcome)
    }

    /// The arms (or conditions) of study `id`.
    public func arms(study id: String) -> [String] { summaries(study: id).map(\.arm).uniqueInOrder() }

    /// The timepoints of study `id`.
    public func timepoints(study id: String) -> [String] { summaries(study: id).map(\.timepoint).uniqueInOrder() }

    /// The outcomes of study `id`.
    public func outcomes(study id: String) -> [String] { summaries(study: id).map(\.outcome).uniqueInOrder() }

    /// Every comparison (study × timepoint × outcome) in the dataset.
    public var comparisonKeys: [SummaryComparisonKey] { summaries.map(\.key.comparison).uniqueInOrder() }

    /// Summaries whose mean or SD was converted or estimated rather than printed.
    public var convertedSummaries: [ArmSummary] { summaries.filter { !$0.isFullyReported } }
}
