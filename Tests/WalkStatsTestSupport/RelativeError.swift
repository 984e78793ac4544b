/// The relative error |actual − expected| / |expected| (the absolute error when `expected` is 0), the
/// measure of the project's agreement rule with R (below 1e-6 on every printed number).
public func relativeError(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected { return 0 }
    if expected == 0 { return abs(actual) }
    return abs(actual - expected) / abs(expected)
}
