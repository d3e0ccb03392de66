// swift-tools-version: 6.0
// A Hummingbird 2 server traced by FlowTrace through swift-distributed-tracing: its own
// package, so the main package never depends on Hummingbird.
import Foundation
import PackageDescription

// The FlowTrace package is two folders up; SwiftPM names a path dependency after its folder.
let flowTraceFolder = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .lastPathComponent

let package = Package(
  name: "hummingbird-server",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(path: "../.."),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
  ],
  targets: [
    .executableTarget(
      name: "OrdersServer",
      dependencies: [
        .product(name: "FlowTrace", package: flowTraceFolder),
        .product(name: "FlowTraceTracing", package: flowTraceFolder),
        .product(name: "Hummingbird", package: "hummingbird"),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)
