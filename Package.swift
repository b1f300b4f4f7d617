// swift-tools-version:6.0
import PackageDescription

/// The Swift language mode for every target. csw runs on one thread with
/// C callbacks, and Swift 6 mode would ask for isolation annotations on
/// state that no second thread ever touches.
let languageModes: [SwiftLanguageMode] = [.v5]

let package = Package(
    name: "csw",
    products: [
        .executable(name: "csw", targets: ["csw"])
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // libcurl's headers only: csw loads the library itself with dlopen when
        // it first sends (see the module's shim.h), so no -lcurl is linked.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSystem"),
        // Headers only, like CCurl: csw loads libedit with dlopen when it
        // first prompts (see the module's shim.h).
        .systemLibrary(name: "CEditLine", providers: [.apt(["libedit-dev"])]),

        .target(name: "CSWCore", dependencies: ["COpenSSL", "CSystem"]),
        .target(name: "CSWStore", dependencies: ["CSWCore", "CSQLite"]),
        .target(name: "CSWDelivery", dependencies: ["CSWCore", "CCurl"]),
        .target(name: "CSWReceiving", dependencies: ["CSWCore"]),
        .target(name: "CSWCommandLine", dependencies: ["CSWCore", "CEditLine"]),
        .target(
            name: "CSWCommands",
            dependencies: ["CSWCore", "CSWStore", "CSWDelivery", "CSWReceiving", "CSWCommandLine"]
        ),
        .executableTarget(name: "csw", dependencies: ["CSWCommands"]),

        .testTarget(name: "CoreTests", dependencies: ["CSWCore"]),
        .testTarget(name: "StoreTests", dependencies: ["CSWStore"]),
        .testTarget(name: "DeliveryTests", dependencies: ["CSWDelivery"]),
        .testTarget(name: "ReceivingTests", dependencies: ["CSWReceiving"]),
        .testTarget(name: "CommandLineTests", dependencies: ["CSWCommandLine", "CSWCommands", "CSWDelivery", "CSWStore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CSWCommands"]),
    ],
    swiftLanguageModes: languageModes
)
