// swift-tools-version: 6.0
import CompilerPluginSupport
import PackageDescription

let package = Package(
  name: "FlowTrace",
  // Linux only for now: the runtime and the viewer call Glibc and read /proc directly (no
  // Darwin seams yet), so no Apple platform is declared.
  products: [
    .library(name: "FlowTrace", targets: ["FlowTrace"]),
    .library(name: "FlowTraceWire", targets: ["FlowTraceWire"]),
    .library(name: "FlowTraceText", targets: ["FlowTraceText"]),
    .library(name: "FlowTraceExplorer", targets: ["FlowTraceExplorer"]),
    .library(name: "FlowTraceTracing", targets: ["FlowTraceTracing"]),
    .executable(name: "flowtrace", targets: ["flowtrace"]),
    .executable(name: "flowtrace-annotate", targets: ["flowtrace-annotate"]),
    .executable(name: "flowtrace-tui", targets: ["flowtrace-tui"]),
    .executable(name: "flowtrace-demo", targets: ["flowtrace-demo"]),
    .executable(name: "flowtrace-bench", targets: ["flowtrace-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
  ],
  targets: [
    // Trace format: records, binary codec, JSON Lines, tree text.
    .target(name: "FlowTraceWire"),
    .target(name: "FlowTraceText", dependencies: ["FlowTraceWire"]),

    // The few OS seams shared by the runtime and the viewer (the Unix socket).
    .target(name: "FlowTraceSystem"),

    // Runtime inside the traced program.
    .target(name: "CFlowTraceRuntime"),
    .target(
      name: "FlowTrace",
      dependencies: [
        "FlowTraceWire", "FlowTraceText", "FlowTraceMacros", "CFlowTraceRuntime", "FlowTraceSystem",
      ]
    ),
    .macro(
      name: "FlowTraceMacros",
      dependencies: [
        .product(name: "SwiftSyntax", package: "swift-syntax"),
        .product(name: "SwiftSyntaxBuilder", package: "swift-syntax"),
        .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
        .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
      ]
    ),

    // Bridge to apple/swift-distributed-tracing: spans in (a tee Tracer), calls out as spans.
    .target(
      name: "FlowTraceTracing",
      dependencies: ["FlowTrace", .product(name: "Tracing", package: "swift-distributed-tracing")]
    ),

    // Explorer: model, then terminal UI.
    .target(name: "FlowTraceExplorer", dependencies: ["FlowTraceWire", "FlowTraceText"]),
    .systemLibrary(name: "CNcursesw"),
    .target(
      name: "FlowTraceTUI",
      dependencies: ["FlowTraceExplorer", "FlowTraceText", "CNcursesw", "FlowTraceSystem"]),

    // `flowtrace annotate`: @TraceAll written out as @Trace per member (also the real-code
    // corpus's annotator).
    .target(
      name: "FlowTraceAnnotate",
      dependencies: [
        .product(name: "SwiftSyntax", package: "swift-syntax"),
        .product(name: "SwiftParser", package: "swift-syntax"),
      ]
    ),

    // Executables.
    .executableTarget(
      name: "flowtrace-tui",
      dependencies: [
        "FlowTraceTUI", "FlowTraceDemo",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "flowtrace",
      dependencies: [
        "FlowTraceExplorer", "FlowTraceWire", "FlowTraceText", "FlowTraceSystem",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Its own executable: the `flowtrace` CLI stays free of swift-syntax (`flowtrace annotate`
    // runs this one).
    .executableTarget(
      name: "flowtrace-annotate",
      dependencies: [
        "FlowTraceAnnotate", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "flowtrace-bench",
      dependencies: [
        "FlowTrace", "FlowTraceWire", "FlowTraceText", "FlowTraceExplorer", "FlowTraceTUI",
        "FlowTraceSystem", "FlowTraceTracing",
      ]
    ),

    // Demo program (library so flowtrace-tui --demo can run it too).
    .target(name: "FlowTraceDemo", dependencies: ["FlowTrace"], path: "demo/FlowTraceDemo"),
    .executableTarget(
      name: "flowtrace-demo", dependencies: ["FlowTraceDemo", "FlowTrace"],
      path: "demo/flowtrace-demo"),

    // Tests.
    .target(name: "FlowTraceTestSupport", path: "Tests/FlowTraceTestSupport"),
    .testTarget(
      name: "FlowTraceTextTests",
      dependencies: ["FlowTraceText", "FlowTraceWire", "FlowTraceTestSupport"]),
    .testTarget(
      name: "FlowTraceWireTests",
      dependencies: ["FlowTraceWire", "FlowTraceText", "FlowTraceTestSupport"]),
    .testTarget(
      name: "FlowTraceTests",
      dependencies: [
        "FlowTrace", "FlowTraceWire", "FlowTraceText", "FlowTraceTestSupport", "FlowTraceSystem",
        "flowtrace-testee",
        "FlowTraceSwift5Shapes",
      ]),
    // Traced code in Swift 5 language mode, for the macro shape tests.
    .target(
      name: "FlowTraceSwift5Shapes", dependencies: ["FlowTrace"],
      path: "Tests/FlowTraceSwift5Shapes", swiftSettings: [.swiftLanguageMode(.v5)]),
    // A traced child process for the sink tests (file, socket, SIGKILL).
    .executableTarget(
      name: "flowtrace-testee", dependencies: ["FlowTrace"], path: "Tests/FlowTraceTestee"),
    .testTarget(
      name: "FlowTraceMacrosTests",
      dependencies: [
        "FlowTraceMacros",
        .product(name: "SwiftSyntaxMacrosTestSupport", package: "swift-syntax"),
      ]
    ),
    .testTarget(name: "FlowTraceAnnotateTests", dependencies: ["FlowTraceAnnotate"]),
    .testTarget(
      name: "FlowTraceTracingTests",
      dependencies: [
        "FlowTraceTracing", "FlowTrace", "FlowTraceTestSupport",
        .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
      ]
    ),
    .testTarget(
      name: "FlowTraceExplorerTests",
      dependencies: ["FlowTraceExplorer", "FlowTraceWire", "FlowTraceText"]),
    .testTarget(
      name: "FlowTraceTUITests",
      dependencies: [
        "FlowTraceTUI", "FlowTraceExplorer", "FlowTraceWire", "FlowTraceText", "FlowTraceSystem",
      ]),
    .testTarget(
      name: "FlowTraceCLITests",
      dependencies: ["FlowTraceWire", "FlowTraceText", "FlowTraceExplorer", "FlowTraceTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
