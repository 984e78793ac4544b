/// Colours for figures: the Okabe–Ito palette, which stays distinguishable with the common forms of
/// colour-vision deficiency.
///
/// Arms take ``armColors`` in order (the first arm blue, the second vermillion, …), so an arm has
/// the same colour in every figure of a report. Okabe–Ito yellow is left out because it is hard to see
/// on white.
///
/// *References:* Okabe M, Ito K (2008). Color Universal Design (CUD): how to make figures and
/// presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
public enum FigurePalette {
    /// Okabe–Ito colours for arms, in the order arms are given.
    public static let armColors = [
        "#0072B2", // blue
        "#D55E00", // vermillion
        "#009E73", // bluish green
        "#CC79A7", // reddish purple
        "#E69F00", // orange
        "#56B4E9", // sky blue
        "#000000", // black
    ]

    /// The colour of the arm at `index` (0-based); colours repeat after seven arms.
    public static func armColor(_ index: Int) -> String {
        armColors[((index % armColors.count) + armColors.count) % armColors.count]
    }

    /// Text, axes and markers that carry no arm.
    static let ink = "#1a1a1a"
    /// Secondary text such as notes and tick labels.
    static let mutedInk = "#4d4d4d"
    /// Grid lines.
    static let grid = "#e6e6e6"
    /// Reference lines (no effect, no change).
    static let reference = "#808080"
    /// The summary diamond and prediction interval of a forest plot (Okabe–Ito blue).
    static let summary = "#0072B2"
}
