import Foundation
import WalkStats

/// What `walkstats --version` prints: the WalkStats version, the commit of the git checkout the executable
/// sits in (when git and a checkout exist) and the GSL version linked at run time.
enum VersionText {
    /// One line per item: `walkstats <version>`, `commit <hash>` (only when found), `GSL <version>`.
    static func current() -> String {
        var lines = ["walkstats \(WalkStatsVersion.current)"]
        if let commit = checkoutCommit() { lines.append("commit \(commit)") }
        lines.append("GSL \(GSLRuntime.libraryVersion)")
        return lines.joined(separator: "\n")
    }

    /// The short hash of HEAD of the git checkout holding the running executable, with `-dirty` when the
    /// checkout has uncommitted changes; `nil` when git is missing, the executable is not inside a
    /// checkout, or anything else goes wrong (the version never fails because of it).
    static func checkoutCommit() -> String? {
        let folder = executableURL().deletingLastPathComponent().path
        guard let hash = git(["-C", folder, "rev-parse", "--short", "HEAD"]), !hash.isEmpty else { return nil }
        let changes = git(["-C", folder, "status", "--porcelain", "--untracked-files=no"]) ?? ""
        return changes.isEmpty ? hash : hash + "-dirty"
    }

    /// The running executable, resolved through symbolic links (`/proc/self/exe` on Linux).
    private static func executableURL() -> URL {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: resolved)
        }
        return (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
    }

    /// The trimmed standard output of `git arguments` when it exits 0; `nil` otherwise.
    private static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
