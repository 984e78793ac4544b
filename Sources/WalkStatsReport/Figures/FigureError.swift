/// Why a figure cannot be drawn. Each message names the figure and the offending value.
public enum FigureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// There is nothing to draw, such as a forest plot without studies.
    case noData(figure: String, expected: String)
    /// A value that must be finite is NaN or infinite.
    case nonFiniteValue(figure: String, field: String)
    /// An interval whose lower bound lies above its upper bound.
    case invertedInterval(figure: String, field: String, lower: Double, upper: Double)
    /// A finite value outside what the figure allows, such as a negative standard error.
    case invalidValue(figure: String, field: String, value: Double, requirement: String)
    /// Per-timepoint values that do not line up with the timepoints.
    case mismatchedLength(figure: String, field: String, expected: Int, got: Int)

    /// A message such as `forest plot: the interval of 'Smith 2019' is inverted (lower 0.5 > upper 0.2)`.
    public var description: String {
        switch self {
        case let .noData(figure, expected):
            return "\(figure): nothing to draw; expected \(expected)"
        case let .nonFiniteValue(figure, field):
            return "\(figure): \(field) is not a finite number"
        case let .invertedInterval(figure, field, lower, upper):
            return "\(figure): \(field) is inverted (lower \(lower) > upper \(upper))"
        case let .invalidValue(figure, field, value, requirement):
            return "\(figure): \(field) is \(value); it must be \(requirement)"
        case let .mismatchedLength(figure, field, expected, got):
            return "\(figure): \(field) has \(got) values for \(expected) timepoints"
        }
    }
}

/// Input checks shared by the figures; each throws the matching ``FigureError``.
struct FigureValidator {
    /// The figure's name in messages, such as "forest plot".
    let figure: String

    func finite(_ value: Double, _ field: @autoclosure () -> String) throws {
        guard value.isFinite else { throw FigureError.nonFiniteValue(figure: figure, field: field()) }
    }

    func interval(_ lower: Double, _ upper: Double, _ field: @autoclosure () -> String) throws {
        try finite(lower, "the lower bound of \(field())")
        try finite(upper, "the upper bound of \(field())")
        guard lower <= upper else {
            throw FigureError.invertedInterval(figure: figure, field: field(), lower: lower, upper: upper)
        }
    }

    func notEmpty<C: Collection>(_ collection: C, _ expected: @autoclosure () -> String) throws {
        guard !collection.isEmpty else { throw FigureError.noData(figure: figure, expected: expected()) }
    }

    func length<C: Collection>(_ collection: C, _ expected: Int, _ field: @autoclosure () -> String) throws {
        guard collection.count == expected else {
            throw FigureError.mismatchedLength(figure: figure, field: field(), expected: expected, got: collection.count)
        }
    }
}
