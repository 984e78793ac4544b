import WalkStats

/// Small example figures shared by the figure tests and the golden snapshots. The numbers are made up
/// but shaped like a walking-rehabilitation trial (pain in points on a 0–10 scale).
enum FigureExamples {
    /// Four studies whose intervals, with the null value 0, span −1.37…0.07, so R's
    /// `pretty(c(-1.37, 0.07))` = −1.5, −1, −0.5, 0, 0.5 are the x ticks. One label needs escaping.
    static let forest = ForestPlot(
        title: "Pain after 6 weeks: backward versus forward walking",
        axisLabel: "Mean difference (backward − forward), points",
        studies: [
            .init(label: "Alghadir & Anwer 2019", estimate: -0.85, lower: -1.37, upper: -0.33, weightPercent: 28.4),
            .init(label: "O'Brien \"pilot\" <2018>", estimate: -0.42, lower: -1.10, upper: 0.07, weightPercent: 19.6),
            .init(label: "Hsu 2020", estimate: -0.61, lower: -1.02, upper: -0.20, weightPercent: 35.0),
            .init(label: "Kim 2021", estimate: -0.30, lower: -0.95, upper: 0.05, weightPercent: 17.0),
        ],
        pooled: .init(label: "Random-effects model", estimate: -0.58, lower: -0.86, upper: -0.30),
        predictionInterval: .init(lower: -1.05, upper: -0.11))

    /// Six studies around a pooled −0.58; the largest SE is 0.41, so the y ticks are R's
    /// `pretty(c(0, 0.41))` = 0, 0.1, …, 0.5 and the funnel's foot is at SE 0.5.
    static let funnel = FunnelPlot(
        title: "Funnel plot: pain after 6 weeks",
        axisLabel: "Mean difference (backward − forward), points",
        studies: [
            .init(label: "Alghadir & Anwer 2019", estimate: -0.85, standardError: 0.27),
            .init(label: "O'Brien \"pilot\" <2018>", estimate: -0.42, standardError: 0.30),
            .init(label: "Hsu 2020", estimate: -0.61, standardError: 0.21),
            .init(label: "Kim 2021", estimate: -0.30, standardError: 0.26),
            .init(label: "Lee 2022", estimate: -1.45, standardError: 0.41),
            .init(label: "Ortiz 2023", estimate: -0.55, standardError: 0.09),
        ],
        pooledEstimate: -0.58)

    static let timepoints = ["Baseline", "Week 2", "Week 6"]

    /// Two arms over three timepoints; the control arm has no mean at week 2.
    static let trajectory = TrajectoryPlot(
        title: "Knee pain by arm",
        timepoints: timepoints,
        arms: [
            .init(name: "Backward walking", points: [
                .init(mean: 6.1, lower: 5.4, upper: 6.8), .init(mean: 4.9, lower: 4.2, upper: 5.6),
                .init(mean: 3.6, lower: 2.8, upper: 4.4),
            ]),
            .init(name: "Forward walking & <usual care>", points: [
                .init(mean: 6.3, lower: 5.7, upper: 6.9), nil, .init(mean: 4.8, lower: 4.0, upper: 5.6),
            ]),
        ],
        yAxisLabel: "Pain (NRS 0–10), points")

    /// Two arms of three participants; one participant misses week 2 (a broken line), one misses
    /// baseline and week 6 (a lone dot at week 2).
    static let spaghetti = SpaghettiPlot(
        title: "Knee pain of each participant",
        timepoints: timepoints,
        arms: [
            .init(name: "Backward walking", participants: [
                [6.0, 5.0, 3.0], [7.0, nil, 4.5], [5.5, 4.0, 3.5],
            ]),
            .init(name: "Forward walking", participants: [
                [6.5, 6.0, 5.0], [nil, 5.5, nil], [6.0, 5.0, 4.0],
            ]),
        ],
        yAxisLabel: "Pain (NRS 0–10), points")

    /// Change from baseline in two arms of eight and seven participants.
    static let change = ChangeDistributionPlot(
        title: "Change in knee pain after 6 weeks",
        groups: [
            .init(name: "Backward walking", values: [-3.0, -2.5, -1.0, -2.0, -4.5, -1.5, 0.5, -2.0]),
            .init(name: "Forward walking", values: [-1.0, 0.0, -1.5, 1.0, -0.5, -2.0, -1.0]),
        ],
        yAxisLabel: "Change in pain (week 6 − baseline), points")

    /// Improvement in pain (whole points, many ties) in two arms of ten and nine participants and an arm
    /// with no values; thresholds at 0, 1 and 2 points, whose labels need two rows.
    static let responder = ResponderCurvePlot(
        title: "Responders by improvement in knee pain after 6 weeks",
        arms: [
            .init(name: "Backward walking", values: [3, 2, 2, 4, 1, 0, 2, 5, 3, -1], colorIndex: 0),
            .init(name: "Forward walking", values: [1, 0, 2, -1, 1, 0, 3, -2, 1], colorIndex: 1),
            .init(name: "Usual care", values: [], colorIndex: 2),
        ],
        thresholds: [
            .init(value: 0, label: "No change"),
            .init(value: 1, label: "MCID 1"),
            .init(value: 2, label: "2 points (substantial)"),
        ],
        xAxisLabel: "Improvement in pain (baseline − week 6), points",
        decimals: 0)
}
