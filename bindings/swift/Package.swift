// swift-tools-version:5.9
// Swift bindings of Backspace: the generated Swift (Sources/Backspace: Backspace.swift, the
// `Backspace` object; BackspaceCore.swift, the entities, enums and errors) over the C declarations
// of the Rust library (Sources/BackspaceFFI and Sources/BackspaceCoreFFI, one per uniffi component).
// Regenerate them with scripts/gen-bindings.sh.
//
// The Rust library itself is linked from `BackspaceRust.xcframework` beside this file when it
// exists (built as bindings/swift/README.md says), otherwise as `libbackspace_uniffi` from the
// linker's search path (macOS development: swift build -Xlinker -L../../target/release).
import Foundation
import PackageDescription

let xcframework = "BackspaceRust.xcframework"
let haveXCFramework = FileManager.default.fileExists(
    atPath: Context.packageDirectory + "/" + xcframework
)

var targets: [Target] = [
    .target(
        name: "BackspaceFFI",
        dependencies: haveXCFramework ? ["BackspaceRust"] : [],
        path: "Sources/BackspaceFFI",
        linkerSettings: haveXCFramework ? [] : [.linkedLibrary("backspace_uniffi")]
    ),
    .target(
        name: "BackspaceCoreFFI",
        dependencies: ["BackspaceFFI"],
        path: "Sources/BackspaceCoreFFI"
    ),
    .target(
        name: "Backspace",
        dependencies: ["BackspaceFFI", "BackspaceCoreFFI"],
        path: "Sources/Backspace"
    ),
]
if haveXCFramework {
    targets.append(.binaryTarget(name: "BackspaceRust", path: xcframework))
}

let package = Package(
    name: "Backspace",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "Backspace", targets: ["Backspace"]),
    ],
    targets: targets
)
