// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "mstore",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "MStore", targets: ["MStore"]),
        .executable(name: "mstore", targets: ["mstore"]),
        .executable(name: "mstore-http", targets: ["mstore-http"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // A full TOML 1.0 parser for mstore.toml (quoted commas, arrays, comments, errors
        // with line and column), instead of a hand-written subset.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // Writing .xlsx workbooks deflated (reading is ZipParts on zlib: see MStoreZlib).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // SHA-256 of every input (the repeat check) through BoringSSL, which uses the CPU's
        // SHA extensions: a 27 MB file in ~20 ms instead of ~95 ms with portable Swift.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(
            name: "MStore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for binding values on the ingest hot path.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
                "MStoreZlib",
            ]
        ),
        // zlib (Debian's zlib1g-dev) for reading workbook parts: ZIPFoundation's inflater on
        // Linux reads a damaged deflate stream past the end of the file forever (found by
        // Scripts/fuzz.sh: a 2.4 KB .xlsx hung mstore).
        .systemLibrary(name: "MStoreZlib", pkgConfig: "zlib"),
        .executableTarget(
            name: "mstore",
            dependencies: [
                "MStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // One HTTP request per run, for fetch and update: libcurl stays out of mstore's
        // start-up. Written in C on libcurl's easy API rather than on URLSession, which
        // queues every chunk without waiting for the reader (1 GB resident for a 256 MB
        // answer read slowly): here each chunk is written before the next is read.
        .executableTarget(name: "mstore-http", linkerSettings: [.linkedLibrary("curl")]),
        .testTarget(
            name: "MStoreTests",
            dependencies: ["MStore", "mstore", "mstore-http"]
        ),
    ]
)
