@preconcurrency import CGSL

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
    public static var libraryVersion: String { linkedVersion }
}

/// The linked library's version, read once. `gsl_version` is a C global that GSL initialises at load time
/// and never writes, so reading it is safe from any thread; Swift cannot know that (hence `@preconcurrency`
/// on this file's import).
private let linkedVersion: String = gsl_version.map { String(cString: $0) } ?? GSL_VERSION

/// Evaluated once, on first use: the previous handler is discarded on purpose.
private let handlerIsOff: Bool = {
    _ = gsl_set_error_handler_off()
    return true
}()
