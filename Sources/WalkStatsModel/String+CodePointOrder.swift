extension String {
    /// Whether `self` sorts before `other` by Unicode code point, as R's `sort` does in the C locale: the
    /// one order WalkStats uses for arms and factor levels, whatever the order of rows in a file.
    public func precedesByCodePoint(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }
}
