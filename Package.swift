// swift-tools-version:6.1
import PackageDescription

/// reeval: re-score dismissed CRM leads against the ICP in force now.
///
/// Stages are library targets in folders named after them; dependencies point one way:
/// reeval (CLI) → Reports → Reevaluation → {ICP, ICPRegistry, Import} → Store → ReevalSQLite;
/// Warehouse (`reeval sql`) compiles ICP versions to SQL and reads neither the store nor the importer.
let package = Package(
    name: "reeval",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "reeval", targets: ["reeval"]),
        // The stages as one library, for the libFuzzer targets in Fuzz/ (scripts/fuzz.sh).
        .library(name: "ReevalStages", targets: ["LeadData", "ReevalStore", "CRMImport", "ICP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "ReevalSQLite",
            path: "Sources/ReevalSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .executableTarget(name: "migration-embedder", path: "Sources/migration-embedder"),
        .plugin(
            name: "EmbedMigrations",
            capability: .buildTool(),
            dependencies: ["migration-embedder"],
            path: "Plugins/EmbedMigrations"
        ),
        .target(
            name: "ReevalStore",
            dependencies: ["ReevalSQLite", "LeadData"],
            path: "Sources/Store",
            plugins: ["EmbedMigrations"]
        ),
        .target(name: "LeadData", path: "Sources/LeadData"),
        .target(
            name: "CRMImport",
            dependencies: ["LeadData", "ReevalStore", .product(name: "Yams", package: "Yams")],
            path: "Sources/Import"
        ),
        .target(
            name: "ICP",
            dependencies: ["LeadData", .product(name: "Yams", package: "Yams")],
            path: "Sources/ICP"
        ),
        .target(
            name: "ICPRegistry",
            dependencies: ["ICP", "ReevalStore", "LeadData"],
            path: "Sources/ICPRegistry"
        ),
        .target(name: "Sample", dependencies: ["LeadData"], path: "Sources/Sample"),
        .target(
            name: "Reevaluation",
            dependencies: ["ICP", "ICPRegistry", "CRMImport", "ReevalStore", "LeadData"],
            path: "Sources/Reevaluation"
        ),
        .target(name: "Warehouse", dependencies: ["ICP", "LeadData"], path: "Sources/Warehouse"),
        .target(
            name: "Reports",
            dependencies: ["Reevaluation", "ICP", "ICPRegistry", "ReevalStore", "LeadData"],
            path: "Sources/Reports"
        ),
        .executableTarget(
            name: "reeval",
            dependencies: [
                "Reports", "Reevaluation", "ICP", "ICPRegistry", "CRMImport", "ReevalStore", "LeadData", "Sample", "Warehouse",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/reeval"
        ),
        .testTarget(name: "LeadDataTests", dependencies: ["LeadData"], path: "Tests/LeadDataTests"),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "LeadData"], path: "Tests/ReportsTests"),
        .testTarget(name: "StoreTests", dependencies: ["ReevalStore", "LeadData"], path: "Tests/StoreTests", exclude: ["Fixtures"]),
        .testTarget(name: "ImportTests", dependencies: ["CRMImport", "ReevalStore", "LeadData"], path: "Tests/ImportTests"),
        .testTarget(
            name: "ICPTests",
            dependencies: ["ICP", "LeadData", "Sample", .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/ICPTests",
            exclude: ["BrokenICPs"]
        ),
        .testTarget(
            name: "ReevaluationTests",
            dependencies: ["Reevaluation", "CRMImport", "ICPRegistry", "ReevalStore", "LeadData", "Sample"],
            path: "Tests/ReevaluationTests"
        ),
        .testTarget(
            name: "WarehouseTests",
            dependencies: ["Warehouse", "Reevaluation", "CRMImport", "ICPRegistry", "ICP", "ReevalStore", "LeadData", "Sample",
                           .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/WarehouseTests"
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["reeval", "ReevalStore", "LeadData"], path: "Tests/EndToEndTests", exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
