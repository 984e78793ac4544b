import CGSL

/// Switches GSL's process-wide error handler off exactly once.
///
/// GSL's default handler prints a message and calls `abort()` on any domain error, even in functions
/// that return no status (the `gsl_cdf_*` family). WalkStats never wants that: every wrapper in this
/// target validates its inputs, checks the returned status or the finiteness of the result, and throws a
/// ``GSLError`` instead. Swift initialises globals lazily, once and thread-safely, so touching
/// ``GSLRuntime/prepare()`` from every entry point is cheap and race-free.
public enum GSLRuntime {
    /// Turns GSL's aborting error handler off for the whole process (idempotent, thread-safe).
    public static func prepare() {
        _ = handlerIsOff
    }

    /// The version of the GSL library linked at run time (`gsl_version`, such as "2.7.1"), for `--version`
    /// and the provenance of every report.
    public static var libraryVersion: String { String(cString: gsl_version) }
}

/// Evaluated once, on first use: the previous handler is discarded on purpose.
private let handlerIsOff: Bool = {
    _ = gsl_set_error_handler_off()
    return true
}()
