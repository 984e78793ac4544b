extension Sequence where Element: Hashable {
    /// The distinct elements in the order they first appear, as R's `unique(x)`: arms, timepoints,
    /// outcomes and studies are listed in file order everywhere in WalkStats.
    ///
    /// ```
    /// uniqueInOrder([b, a, b, c, a]) = [b, a, c]
    /// ```
    ///
    /// *Matches R:* `unique(x)` (first occurrences kept, order preserved).
    ///
    /// - Complexity: O(n) expected, with a hash set of the elements seen.
    public func uniqueInOrder() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
