import SwiftSyntax

/// What the expansion needs to know about the declaration `@Trace` is attached to.
struct TracedFunction {
  /// How the traced body is wrapped.
  enum Kind: Equatable {
    /// A function or method: the body runs in an immediately-applied closure.
    case function
    /// A deinitializer or function with `consuming` parameters: the body runs inline, the
    /// exit (without a result) is recorded by `defer`.
    case inline
    /// An initializer: the body runs inline and each successful exit records `self`; a
    /// failable one records `nil` when it fails.
    case initializer(failable: Bool)
    /// A function returning `Never`: the body runs inline after the enter event.
    case never
  }

  /// How the declaration may throw.
  enum Throwing: Equatable {
    case none
    case untyped
    case rethrowing
    case typed(TypeSyntax)

    static func == (lhs: Throwing, rhs: Throwing) -> Bool {
      switch (lhs, rhs) {
      case (.none, .none), (.untyped, .untyped), (.rethrowing, .rethrowing): true
      case (.typed(let a), .typed(let b)): a.trimmedDescription == b.trimmedDescription
      default: false
      }
    }
  }

  /// The base name (`fib`, `init`, `deinit`).
  var name: String
  var kind: Kind
  var parameters: [TracedParameter]
  var isAsync: Bool
  var throwing: Throwing
  /// The declared return type; nil for `Void` (written or not) and for initializers.
  var returnType: TypeSyntax?
  var body: CodeBlockSyntax
  /// Attributes that may be result builders (`@ViewBuilder`), as written: when there are
  /// any, the body moves into a local function carrying them, so the builder still applies.
  var builderAttributes: [String] = []

  /// True when the return type is opaque (`some P`) and must be left to inference.
  var returnsOpaqueType: Bool {
    guard let returnType else { return false }
    return returnType.tokens(viewMode: .sourceAccurate).contains { $0.tokenKind == .keyword(.some) }
  }

  /// The `throws` clause text for a generated closure (` throws`, ` throws(E)` or empty).
  var closureThrowsClause: String {
    switch throwing {
    case .none: ""
    case .untyped, .rethrowing: " throws"
    case .typed(let type): " throws(\(type.trimmedDescription))"
    }
  }
}

extension TracedFunction {
  /// Reads a function declaration; nil when it has no body.
  init?(function decl: FunctionDeclSyntax) {
    guard let body = decl.body else { return nil }
    let signature = decl.signature
    let returnType = signature.returnClause?.type
    let isNever = returnType.map { Self.isNever($0) } ?? false
    var parameters = signature.parameterClause.parameters.map(TracedParameter.init)
    if case .binaryOperator = decl.name.tokenKind {
      // Operators take no argument labels: `Money.+(a, b)`.
      for index in parameters.indices { parameters[index].label = "_" }
    } else if case .prefixOperator = decl.name.tokenKind {
      for index in parameters.indices { parameters[index].label = "_" }
    } else if case .postfixOperator = decl.name.tokenKind {
      for index in parameters.indices { parameters[index].label = "_" }
    }
    let consumes = parameters.contains { $0.recording == .placeholder("<consumed>") }
    self.init(
      name: decl.name.trimmedDescription,
      kind: isNever ? .never : consumes ? .inline : .function,
      parameters: parameters,
      isAsync: signature.effectSpecifiers?.asyncSpecifier != nil,
      throwing: Self.throwing(signature.effectSpecifiers?.throwsClause),
      returnType: returnType.flatMap { Self.isVoid($0) ? nil : $0 },
      body: body,
      builderAttributes: BuilderAttributes.candidates(in: decl.attributes)
    )
  }

  /// Reads an initializer; nil when it has no body.
  init?(initializer decl: InitializerDeclSyntax) {
    guard let body = decl.body else { return nil }
    let signature = decl.signature
    self.init(
      name: "init",
      kind: .initializer(failable: decl.optionalMark != nil),
      parameters: signature.parameterClause.parameters.map(TracedParameter.init),
      isAsync: signature.effectSpecifiers?.asyncSpecifier != nil,
      throwing: Self.throwing(signature.effectSpecifiers?.throwsClause),
      returnType: nil,
      body: body
    )
  }

  /// Reads a deinitializer; nil when it has no body.
  init?(deinitializer decl: DeinitializerDeclSyntax) {
    guard let body = decl.body else { return nil }
    self.init(
      name: "deinit", kind: .inline, parameters: [], isAsync: false, throwing: .none,
      returnType: nil, body: body)
  }

  private static func throwing(_ clause: ThrowsClauseSyntax?) -> Throwing {
    guard let clause else { return .none }
    if clause.throwsSpecifier.tokenKind == .keyword(.rethrows) { return .rethrowing }
    if let type = clause.type {
      return isNever(type) ? .none : .typed(type.trimmed)
    }
    return .untyped
  }

  private static func isVoid(_ type: TypeSyntax) -> Bool {
    let text = type.trimmedDescription.filter { !$0.isWhitespace }
    return text == "Void" || text == "()" || text == "Swift.Void"
  }

  private static func isNever(_ type: TypeSyntax) -> Bool {
    let text = type.trimmedDescription
    return text == "Never" || text == "Swift.Never"
  }
}
