// swift-tools-version:6.0
// WalkStats: import → model → statistics → analysis → report, with the `walkstats` command line on top.
// Only WalkStatsGSL imports the CGSL system library, only WalkStatsImport's SHA256 the CCrypto one, only its
// XLSXPackage the CLibdeflate one, and only WalkStatsReadStat the CReadStat one. ZIPFoundation writes the
// workbooks the tests damage.
import PackageDescription

let package = Package(
    name: "WalkStats",
    products: [
        .library(name: "WalkStats", targets: ["WalkStats"]),
        .executable(name: "walkstats", targets: ["walkstats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(name: "WalkStatsGSL", dependencies: ["CGSL"]),
        // ReadStat (SPSS, Stata and SAS files); Debian's libreadstat-dev ships no pkg-config file.
        .systemLibrary(name: "CReadStat", providers: [.apt(["libreadstat-dev"])]),
        // OpenSSL's libcrypto, for the SHA-256 of every input (WalkStatsImport's SHA256 only).
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // Debian's libdeflate, for inflating the parts of an .xlsx workbook (WalkStatsImport's XLSXPackage only).
        .systemLibrary(
            name: "CLibdeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        .target(name: "WalkStatsModel"),
        .target(name: "WalkStatsImport", dependencies: ["WalkStatsModel", "CCrypto", "CLibdeflate"]),
        .target(name: "WalkStatsReadStat", dependencies: ["CReadStat", "WalkStatsImport", "WalkStatsModel"]),
        .target(name: "WalkStatsStatistics", dependencies: ["WalkStatsGSL", "WalkStatsModel"]),
        .target(name: "WalkStatsAnalysis", dependencies: ["WalkStatsStatistics", "WalkStatsModel"]),
        .target(name: "WalkStatsReport", dependencies: ["WalkStatsAnalysis", "WalkStatsStatistics", "WalkStatsModel"]),
        .target(
            name: "WalkStats",
            dependencies: ["WalkStatsGSL", "WalkStatsImport", "WalkStatsModel", "WalkStatsStatistics", "WalkStatsAnalysis",
                           "WalkStatsReport", "WalkStatsReadStat"]
        ),
        .executableTarget(
            name: "walkstats",
            dependencies: [
                "WalkStats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "WalkStatsTestSupport", path: "Tests/WalkStatsTestSupport"),
        .testTarget(name: "WalkStatsGSLTests", dependencies: ["WalkStatsGSL"]),
        .testTarget(
            name: "WalkStatsImportTests",
            dependencies: ["WalkStatsImport", "WalkStatsReadStat", "WalkStatsStatistics", "WalkStatsTestSupport",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "WalkStatsStatisticsTests",
            dependencies: ["WalkStats", "WalkStatsTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "WalkStatsAnalysisTests", dependencies: ["WalkStats"]),
        .testTarget(
            name: "WalkStatsReportTests",
            dependencies: ["WalkStats", "WalkStatsTestSupport"],
            resources: [.copy("Snapshots")]
        ),
        .testTarget(name: "walkstatsCLITests", dependencies: ["walkstats", "WalkStatsImport", "WalkStatsTestSupport"]),
    ]
)
