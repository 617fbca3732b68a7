// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for reeval's parsers. Built and run by `scripts/fuzz.sh`, which passes
/// instrumentation; not part of the main package's build or tests.
/// Only the fuzz targets link libFuzzer (which brings its own `main`); the stages they call are
/// instrumented by the script's `-sanitize=address -sanitize-coverage=…`, so the build's host
/// tools (the migration embedder) keep their own `main`.
let fuzzer: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]
let fuzzerLink: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
    name: "reeval-fuzz",
    dependencies: [.package(name: "reeval", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(name: "fuzz-csv", dependencies: ["FuzzDriver", .product(name: "ReevalStages", package: "reeval")], swiftSettings: fuzzer, linkerSettings: fuzzerLink),
        .executableTarget(name: "fuzz-import", dependencies: ["FuzzDriver", .product(name: "ReevalStages", package: "reeval")], swiftSettings: fuzzer, linkerSettings: fuzzerLink),
        .executableTarget(name: "fuzz-icp", dependencies: ["FuzzDriver", .product(name: "ReevalStages", package: "reeval")], swiftSettings: fuzzer, linkerSettings: fuzzerLink),
        .executableTarget(name: "fuzz-mapping", dependencies: ["FuzzDriver", .product(name: "ReevalStages", package: "reeval")], swiftSettings: fuzzer, linkerSettings: fuzzerLink),
        .executableTarget(name: "fuzz-values", dependencies: ["FuzzDriver", .product(name: "ReevalStages", package: "reeval")], swiftSettings: fuzzer, linkerSettings: fuzzerLink),
    ],
    swiftLanguageModes: [.v6]
)
