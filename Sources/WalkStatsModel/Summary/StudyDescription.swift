/// How a study compared its arms: different people per arm, or every person under every condition.
public enum StudyDesign: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Parallel groups (an RCT): the arms are independent samples, compared by a two-sample test.
    case parallel
    /// Within-subject (crossover or repeated conditions in one session): the "arms" are conditions
    /// measured on the same people, so a comparison needs the correlation between conditions, which
    /// papers rarely print.
    case withinSubject = "within_subject"
}

/// What a summary dataset says about one study: id, citation, DOI, design and duration. One row of a
/// study sheet (`study,citation,doi,design,duration`).
public struct StudyDescription: Sendable, Equatable, Hashable {
    /// The study id used in summary files, such as `roos2012`.
    public let id: String
    /// The citation as it should appear in reports.
    public let citation: String
    /// The DOI without a resolver prefix (such as `10.1155/2021/5574966`), when known.
    public let doi: String?
    /// Parallel groups or within-subject.
    public let design: StudyDesign
    /// The intervention's duration in words (such as `4 weeks` or `one session`), when given.
    public let duration: String?

    /// Creates a description.
    public init(id: String, citation: String, doi: String? = nil, design: StudyDesign, duration: String? = nil) {
        self.id = id
        self.citation = citation
        self.doi = doi
        self.design = design
        self.duration = duration
    }
}
