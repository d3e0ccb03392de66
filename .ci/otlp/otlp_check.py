#!/usr/bin/env python3
"""Checks FlowTrace's OTLP export with the real OpenTelemetry protobuf definitions.

  otlp_check.py validate OTLP.jsonl EVENTS.jsonl   every line parses into TracesData; one span
                                                   per call; every parent present; ERROR status
                                                   exactly on the calls that threw (propagated)
  otlp_check.py receive PORT OUT.jsonl READY       a minimal OTLP/HTTP JSON receiver on
                                                   127.0.0.1:PORT (POST /v1/traces); each
                                                   request body is parsed into an
                                                   ExportTraceServiceRequest and appended to OUT
  otlp_check.py same FILE.jsonl RECEIVED.jsonl     both hold the same spans

OTLP/JSON writes trace and span ids as hex (not base64 as the plain protobuf JSON mapping
would): they are converted before json_format.Parse, and each must be 32/16 lowercase hex
digits, not all zero (W3C trace context).
"""
import base64
import json
import re
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

from google.protobuf.json_format import MessageToDict, Parse
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.trace.v1.trace_pb2 import Status, TracesData

HEX32 = re.compile(r"^[0-9a-f]{32}$")
HEX16 = re.compile(r"^[0-9a-f]{16}$")


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def hex_ids_to_base64(doc, where):
    """Checks the hex ids of an OTLP/JSON document and rewrites them for json_format."""
    for rs in doc.get("resourceSpans", []):
        for ss in rs.get("scopeSpans", []):
            for span in ss.get("spans", []):
                for key, pattern, size in (("traceId", HEX32, 32), ("spanId", HEX16, 16),
                                           ("parentSpanId", HEX16, 16)):
                    if key not in span:
                        if key != "parentSpanId":
                            fail(f"{where}: span without {key}")
                        continue
                    value = span[key]
                    if not pattern.match(value) or value == "0" * size:
                        fail(f"{where}: {key} {value!r} is not a W3C-valid id")
                    span[key] = base64.b64encode(bytes.fromhex(value)).decode()
    return doc


def parse_lines(path, message_type):
    """Every non-empty line of PATH parsed into message_type; returns the spans as dicts."""
    spans = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                doc = json.loads(line)
            except ValueError as error:
                fail(f"{where}: not JSON: {error}")
            message = message_type()
            try:
                Parse(json.dumps(hex_ids_to_base64(doc, where)), message)
            except Exception as error:  # json_format raises ParseError and friends
                fail(f"{where}: not a valid {message_type.__name__}: {error}")
            for rs in message.resource_spans:
                for ss in rs.scope_spans:
                    for span in ss.spans:
                        if len(span.trace_id) != 16 or len(span.span_id) != 8:
                            fail(f"{where}: id of the wrong length in span {span.name}")
                        spans.append(span)
    return spans


def attributes(span):
    out = {}
    for kv in span.attributes:
        value = MessageToDict(kv.value)
        out[kv.key] = next(iter(value.values())) if value else None
    return out


def validate(otlp_path, events_path):
    spans = parse_lines(otlp_path, TracesData)
    calls, threw = set(), set()
    with open(events_path, encoding="utf-8") as handle:
        for line in handle:
            event = json.loads(line)
            if event.get("type") == "call":
                calls.add(event["id"])
            elif event.get("type") == "error" and event.get("disposition", "propagated") == "propagated":
                threw.add(event["id"])
    if len(spans) != len(calls):
        fail(f"{len(spans)} spans for {len(calls)} calls")
    ids = {span.span_id for span in spans}
    if len(ids) != len(spans):
        fail("span ids are not unique")
    by_call = {}
    for span in spans:
        if span.parent_span_id and span.parent_span_id not in ids:
            fail(f"span {span.name}: parent {span.parent_span_id.hex()} is missing")
        if span.end_time_unix_nano < span.start_time_unix_nano:
            fail(f"span {span.name} ends before it starts")
        by_call[int(attributes(span)["flowtrace.call.id"])] = span
    if set(by_call) != calls:
        fail("the spans' flowtrace.call.id values are not the trace's call ids")
    for call, span in by_call.items():
        is_error = span.status.code == Status.STATUS_CODE_ERROR
        if is_error != (call in threw):
            fail(f"call {call} ({span.name}): error status {is_error}, threw {call in threw}")
        if call in threw and not any(e.name == "exception" for e in span.events):
            fail(f"call {call} ({span.name}) threw but has no exception event")
    print(f"ok: {len(spans)} spans = {len(calls)} calls, parents present, "
          f"{len(threw)} with ERROR status")


def receive(port, out_path, ready_path):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.path != "/v1/traces" or "json" not in self.headers.get("Content-Type", ""):
                self.send_response(404)
                self.end_headers()
                return
            try:
                doc = hex_ids_to_base64(json.loads(body), "request")
                message = ExportTraceServiceRequest()
                Parse(json.dumps(doc), message)
            except Exception as error:
                self.send_response(400)
                self.end_headers()
                self.wfile.write(str(error).encode())
                return
            with open(out_path, "a", encoding="utf-8") as out:
                out.write(body.decode() + "\n")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", port), Handler)
    with open(ready_path, "w", encoding="utf-8") as ready:
        ready.write(str(server.server_address[1]))
    server.serve_forever()


def same(file_path, received_path):
    def key(span):
        return span.SerializeToString(deterministic=True)
    expected = sorted(key(s) for s in parse_lines(file_path, TracesData))
    got = sorted(key(s) for s in parse_lines(received_path, ExportTraceServiceRequest))
    if expected != got:
        fail(f"received {len(got)} spans, the file export has {len(expected)}; they differ")
    print(f"ok: the receiver got the same {len(got)} spans as the file export")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "validate" and len(sys.argv) == 4:
        validate(sys.argv[2], sys.argv[3])
    elif command == "receive" and len(sys.argv) == 5:
        receive(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif command == "same" and len(sys.argv) == 4:
        same(sys.argv[2], sys.argv[3])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
