import SwiftSyntax

/// Writes the source of a traced body: enter, arguments, the original body, exit.
///
/// The shapes are documented in docs/MACRO-ABI.md; every local the expansion adds starts with
/// `__ft` so it cannot clash with the user's names.
struct TraceBody {
  var function: TracedFunction
  /// The call-site literal, quotes included.
  var site: String
  /// The arguments of `_TraceFlags(...)`, e.g. `showTiming: true`.
  var flags: String

  /// The whole new body as source text.
  var source: String {
    var lines = [
      "let __ftCall = FlowTrace._TraceCall(site: \(site), flags: FlowTrace._TraceFlags(\(flags)))"
    ]
    lines += argumentLines
    lines.append("__ftCall.entered()")
    switch function.kind {
    case .never: lines.append(originalBody)
    case .inline: lines += inlineExit
    case .initializer(let failable): lines += initializerExit(failable: failable)
    case .function: lines += function.isAsync ? asyncExit : syncExit
    }
    return lines.joined(separator: "\n")
  }

  /// The user's statements, comments kept, surrounding blank space dropped.
  private var originalBody: String { Self.text(of: function.body.statements) }

  /// Statements as source text, moved left, surrounding blank space dropped.
  private static func text(of statements: CodeBlockItemListSyntax) -> String {
    let text = Dedent.statements(statements).description
    let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
    let end = text.lastIndex { !$0.isWhitespace }.map(text.index(after:)) ?? start
    return start < end ? String(text[start..<end]) : ""
  }

  private var argumentLines: [String] {
    guard !function.parameters.isEmpty else { return [] }
    let calls = function.parameters.map { parameter in
      switch parameter.recording {
      case .placeholder(let text): "__ftCall.argumentPlaceholder(\"\(text)\")"
      case .value: "__ftCall.argument(\(parameter.localName ?? "_"))"
      }
    }
    return ["if __ftCall.recordsArguments {"] + calls + ["}"]
  }

  /// `-> R` for a generated closure, empty for opaque results (left to inference).
  private var closureResult: String {
    guard let returnType = function.returnType else { return " -> Void" }
    return function.returnsOpaqueType ? "" : " -> \(returnType.trimmedDescription)"
  }

  private func closure(effects: String, body: String? = nil) -> String {
    let signature = effects + closureResult
    let head = signature.isEmpty ? "{" : "{ ()\(signature) in"
    let body = body ?? originalBody
    return body.isEmpty ? "\(head)\n}" : "\(head)\n\(body)\n}"
  }

  /// True when the body runs in a local function carrying the function's possible result
  /// builder attributes (a closure cannot carry them).
  private var usesLocalFunction: Bool {
    !function.builderAttributes.isEmpty && function.returnType != nil
      && function.throwing != .rethrowing
  }

  /// The local function `__ftBody` that runs the original body under its result builder.
  private func localFunction(effects: String) -> String {
    let attributes = function.builderAttributes.joined(separator: " ")
    let result = function.returnType.map { " -> \($0.trimmedDescription)" } ?? ""
    let body = originalBody
    let head = "\(attributes) func __ftBody()\(effects)\(result) {"
    return body.isEmpty ? "\(head)\n}" : "\(head)\n\(body)\n}"
  }

  /// The declarations that come before the body runs, and the expression that runs it.
  private func runner(effects: String) -> (declarations: [String], call: String) {
    guard usesLocalFunction else { return ([], closure(effects: effects) + "()") }
    return ([localFunction(effects: effects)], "__ftBody()")
  }

  private var doClause: String {
    if case .typed(let type) = function.throwing {
      return "do throws(\(type.trimmedDescription)) {"
    }
    return "do {"
  }

  private var rethrowLines: [String] {
    ["} catch {", "__ftCall.throwing(error)", "throw error", "}"]
  }

  private var syncExit: [String] {
    let (declarations, call) = runner(effects: function.closureThrowsClause)
    let isThrowing = function.throwing != .none
    let invoke = isThrowing ? "try \(call)" : call
    var lines: [String]
    if function.returnType == nil {
      lines = [isThrowing ? invoke : "let _: Void = \(invoke)"]
    } else {
      lines = ["let __ftResult = \(invoke)", "return __ftCall.returning(__ftResult)"]
    }
    if isThrowing { lines = [doClause] + lines + rethrowLines }
    if function.returnType == nil { lines.append("__ftCall.returningVoid()") }
    return declarations + lines
  }

  /// Async bodies run in the call's task scope, so child tasks nest under the call.
  private var asyncExit: [String] {
    let isThrowing = function.throwing != .none
    let effects = " async" + function.closureThrowsClause
    let (declarations, call) = runner(effects: effects)
    let body = declarations.isEmpty ? nil : (isThrowing ? "try await " : "await ") + call
    let scope =
      "__ftCall.withTaskScope(isolation: #isolation) \(closure(effects: effects, body: body))"
    let invoke = (isThrowing ? "try await " : "await ") + scope
    var lines: [String]
    if function.returnType == nil {
      lines = [invoke]
    } else {
      lines = ["let __ftResult = \(invoke)", "return __ftCall.returning(__ftResult)"]
    }
    if isThrowing { lines = [doClause] + lines + rethrowLines }
    if function.returnType == nil { lines.append("__ftCall.returningVoid()") }
    return declarations + lines
  }

  /// Initializers: no closure (a closure cannot capture a half-built `self`); each successful
  /// exit records `self`, a failable one's `defer` records `nil` unless it succeeded.
  private func initializerExit(failable: Bool) -> [String] {
    let statements = function.body.statements
    let rewritten = InitializerExits.rewrite(statements, failable: failable)
    let body = Self.text(of: rewritten)
    let isThrowing = function.throwing != .none
    let fallsThrough = InitializerExits.fallsThrough(statements)
    var lines: [String] = []
    if failable {
      // An initializer that always fails (`return nil` only) needs no flag.
      let canSucceed = isThrowing || fallsThrough || rewritten.description != statements.description
      lines +=
        canSucceed ? ["var __ftSucceeded = false", "defer {", "if !__ftSucceeded {"] : ["defer {"]
      lines += ["__ftCall.initializerFailed()"] + (canSucceed ? ["}", "}"] : ["}"])
    }
    if isThrowing {
      let caught = (failable ? ["__ftSucceeded = true"] : []) + ["__ftCall.throwing(error)"]
      lines += [doClause, body, "} catch {"] + caught + ["throw error", "}"]
    } else if !body.isEmpty {
      lines.append(body)
    }
    if fallsThrough {
      lines += InitializerExits.successStatements(failable: failable)
    }
    return lines
  }

  /// Deinitializers and functions taking `consuming` parameters: no closure (a closure cannot
  /// consume a capture), `defer` records the exit.
  private var inlineExit: [String] {
    guard function.throwing != .none else {
      return ["defer {", "__ftCall.returningVoid()", "}", originalBody]
    }
    return [
      "var __ftThrew = false",
      "defer {", "if !__ftThrew {", "__ftCall.returningVoid()", "}", "}",
      doClause, originalBody,
      "} catch {", "__ftThrew = true", "__ftCall.throwing(error)", "throw error", "}",
    ]
  }
}
