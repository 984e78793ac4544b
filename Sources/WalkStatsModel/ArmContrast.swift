/// A contrast between two arms (or, in a within-subject study, two conditions) of the same study:
/// every difference it names is read "arm − reference".
///
/// A study may print any number of arms. Its contrasts are each arm against one reference arm
/// (``againstReference(_:reference:)``); with two arms there is exactly one, the familiar "A − B".
public struct ArmContrast: Sendable, Hashable, CustomStringConvertible {
    /// The arm whose effect is estimated (A in "A − B").
    public let arm: String
    /// The arm it is compared with (B in "A − B").
    public let reference: String

    /// A contrast `arm` − `reference`.
    public init(arm: String, reference: String) {
        (self.arm, self.reference) = (arm, reference)
    }

    /// "arm − reference".
    public var description: String { "\(arm) − \(reference)" }

    /// Every arm of `arms` other than `reference`, in the given order, against `reference`.
    public static func againstReference(_ arms: [String], reference: String) -> [ArmContrast] {
        arms.filter { $0 != reference }.map { ArmContrast(arm: $0, reference: reference) }
    }

    /// Every pair of `arms`: each other arm − `reference` (in the given order), then for each pair of
    /// other arms the later − the earlier. This is the order of R's `TukeyHSD` and `emmeans` pairs with
    /// `reference` as the first factor level, read with the sign flipped to "arm − reference".
    public static func allPairs(_ arms: [String], reference: String) -> [ArmContrast] {
        let others = arms.filter { $0 != reference }
        var pairs = againstReference(arms, reference: reference)
        for (i, earlier) in others.enumerated() {
            for later in others[(i + 1)...] { pairs.append(ArmContrast(arm: later, reference: earlier)) }
        }
        return pairs
    }
}
