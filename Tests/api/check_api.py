#!/usr/bin/env python3
"""Black-box checks of the facilitator API against its own OpenAPI document (run by `make test`).

1. The document served at /api/v1/openapi.json is a valid OpenAPI 3.1 description.
2. Real responses of a scripted walk through every route validate against the schema the
   document gives for their status and content type.
3. schemathesis fuzzes every operation against the live daemon (few examples, so it takes a
   couple of minutes at most).

Needs: schemathesis, openapi-spec-validator, jsonschema (the Makefile installs them in .venv).
"""
import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_spec
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon import Daemon  # noqa: E402



class Checker:
    def __init__(self, daemon):
        self.daemon = daemon
        with urllib.request.urlopen(daemon.url + "/api/v1/openapi.json") as response:
            self.document = json.load(response)
        validate_spec(self.document)
        self.registry = Registry().with_resource("urn:openapi", Resource.from_contents(self.document, DRAFT202012))
        self.checked = 0

    def call(self, method, path, template, body=None, token="default", headers=None):
        request = urllib.request.Request(self.daemon.url + path, method=method,
                                         data=None if body is None else json.dumps(body).encode())
        if token == "default":
            token = self.daemon.token
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        if body is not None:
            request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request) as response:
                status, ctype, data = response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            status, ctype, data = error.code, error.headers.get("Content-Type", ""), error.read()
        self.validate(method, template, status, ctype, data)
        return status, data

    def validate(self, method, template, status, ctype, data):
        operation = self.document["paths"][template][method.lower()]
        response = operation["responses"].get(str(status))
        assert response is not None, f"{method} {template}: status {status} is not documented"
        if "$ref" in response:
            response = self.document["components"]["responses"][response["$ref"].split("/")[-1]]
        content = response.get("content")
        if not content:
            assert not data, f"{method} {template} {status}: a body the document does not describe"
            return
        media = next((m for m in content if m == ctype or m.split(";")[0] == ctype.split(";")[0]), None)
        assert media is not None, f"{method} {template} {status}: content type {ctype!r} is not documented ({list(content)})"
        schema = content[media].get("schema")
        if schema and ("json" in media):
            instance = json.loads(data)
            wrapped = {"$ref": "urn:openapi#/components/schemas/" + schema["$ref"].split("/")[-1]} if "$ref" in schema else schema
            if "items" in schema and "$ref" in schema["items"]:
                wrapped = {"type": "array", "items": {"$ref": "urn:openapi#/components/schemas/" + schema["items"]["$ref"].split("/")[-1]}}
            Draft202012Validator(wrapped, registry=self.registry).validate(instance)
        self.checked += 1


def walk(check):
    session_body = {
        "title": "Reading for pleasure", "hostSchool": "Northfield Primary", "focus": "Stamina",
        "startsAt": "2030-12-01T09:30:00Z", "timeZone": "Europe/London",
        "agenda": [{"title": "Welcome", "kind": "briefing", "durationSec": 300},
                   {"title": "Questions", "kind": "enquiry", "durationSec": 900, "turnMode": "queue", "prompts": ["q1"]}],
        "prompts": [{"text": "What do pupils read at home?", "theme": "reading"}],
        "participants": [{"name": "Asha", "role": "reviewer"}, {"name": "Room", "role": "display"}],
    }
    status, data = check.call("POST", "/api/v1/sessions", "/api/v1/sessions", session_body)
    assert status == 201, data
    created = json.loads(data)
    sid = created["session"]["id"]
    pid = created["invites"][1]["participant"]["id"]
    base = "/api/v1/sessions/{id}"
    check.call("GET", "/api/v1/sessions", "/api/v1/sessions")
    check.call("GET", f"/api/v1/sessions/{sid}", base)
    check.call("PATCH", f"/api/v1/sessions/{sid}", base, {"title": "Renamed", "startsAt": "2030-12-02T09:30:00Z"})
    check.call("PATCH", f"/api/v1/sessions/{sid}", base, {"startsAt": "soon"})
    check.call("POST", "/api/v1/sessions", "/api/v1/sessions", {"title": 3})
    check.call("GET", "/api/v1/sessions", "/api/v1/sessions", token=None)
    check.call("GET", "/api/v1/sessions/s_nope", base)
    status, data = check.call("POST", f"/api/v1/sessions/{sid}/participants", base + "/participants", {"name": "Cleo", "role": "observer"})
    assert status == 201, data
    check.call("POST", f"/api/v1/sessions/{sid}/participants", base + "/participants", {"name": "Cleo", "role": "boss"})
    check.call("POST", f"/api/v1/sessions/{sid}/participants/{pid}/reissue", base + "/participants/{pid}/reissue", {})
    check.call("GET", f"/api/v1/sessions/{sid}/access", base + "/access")
    check.call("DELETE", f"/api/v1/sessions/{sid}/participants/{pid}", base + "/participants/{pid}")
    check.call("GET", "/api/v1/sessions/s_nope/access", base + "/access")
    check.call("DELETE", f"/api/v1/sessions/{sid}/participants/p_nope", base + "/participants/{pid}")
    check.call("GET", f"/api/v1/sessions/{sid}/record?format=pdf", base + "/record")
    check.call("GET", f"/api/v1/sessions/{sid}/record", base + "/record", headers={"Accept": "image/png"})
    # The host school's route (a ReviewRoom extension): an invite token, not the facilitator's.
    own, asha = created["invites"][0]["token"], created["invites"][1]["token"]
    for token, query in ((own, ""), (own, "?format=pdf"), (asha, ""), ("default", ""), (None, "")):
        check.call("GET", "/api/v1/invite/record" + query, "/api/v1/invite/record", token=token)
    for token in (own, asha, "default", None):
        check.call("GET", "/api/v1/invite", "/api/v1/invite", token=token)
    check.call("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", token=None)
    for path in ("/livez", "/healthz", "/readyz", "/metrics"):
        check.call("GET", path, path, token=None)
    check.call("GET", "/api/v1/templates", "/api/v1/templates")
    check.call("GET", "/api/v1/prompt-decks", "/api/v1/prompt-decks")
    for fmt in ("md", "html", "json"):
        check.call("GET", f"/api/v1/sessions/{sid}/record?format={fmt}", base + "/record")
    check.call("GET", f"/api/v1/sessions/{sid}/calendar.ics", base + "/calendar.ics")
    check.call("POST", "/api/v1/sessions", "/api/v1/sessions",
               {"title": "T", "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z",
                "template": "rapid-remote-90", "promptDeck": "covid-recovery"})
    blank_names_agree(check, sid)
    check.call("DELETE", f"/api/v1/sessions/{sid}", base)
    check.call("DELETE", f"/api/v1/sessions/{sid}", base)


def blank_names_agree(check, sid):
    r"""The document's request schema and the server agree on a name that shows nothing (white
    space, zero-width and other invisible characters): JSON Schema's `\S` took a zero-width
    space or U+0085 as text the server refused."""
    schema = Draft202012Validator({"$ref": "urn:openapi#/components/schemas/InviteCreate"}, registry=check.registry)
    path, template = f"/api/v1/sessions/{sid}/participants", "/api/v1/sessions/{id}/participants"
    for name in ("\u200b", "\u0085", "\u00ad\u2060", " \ufeff ", "\u180e", "\u3164"):
        assert not schema.is_valid({"name": name, "role": "reviewer"}), f"the schema takes {name!r}"
        status, data = check.call("POST", path, template, {"name": name, "role": "reviewer"})
        assert status == 400, (name, status, data)
    for name in ("A\u200b", "\u00e9", "\U0001F600"):
        assert schema.is_valid({"name": name, "role": "reviewer"}), f"the schema refuses {name!r}"
        status, data = check.call("POST", path, template, {"name": name, "role": "reviewer"})
        assert status == 201, (name, status, data)


def schemathesis(daemon):
    executable = os.path.join(os.path.dirname(sys.executable), "schemathesis")
    # Left out: positive_data_acceptance, because some rules span fields (a phase's prompts must be
    # ids of the session's deck, prompt ids unique) and JSON Schema cannot say them; and
    # unsupported_method, because libwebsockets 4.1.6 answers every method it does not know (TRACE,
    # or any other than GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, CONNECT) itself, with its
    # HTML 403, before the daemon sees it; only an undeclared method lws knows gets the daemon's 405
    # with Allow (the Swift tests check both: DaemonHTTPTests, SecurityHeaderCopyTests).
    checks = ("not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,"
              "response_headers_conformance,negative_data_rejection,ignored_auth,"
              "use_after_free,ensure_resource_availability")
    command = [executable, "run", daemon.url + "/api/v1/openapi.json", "--url", daemon.url,
               "-H", f"Authorization: Bearer {daemon.token}", "--max-examples",
               os.environ.get("SCHEMATHESIS_EXAMPLES", "15"), "--checks", checks, "--no-color",
               "--seed", os.environ.get("SCHEMATHESIS_SEED", "20261129")]
    # NULs in the URI are left out (schemathesis_hooks.py: libwebsockets closes those unanswered).
    here = os.path.dirname(os.path.abspath(__file__))
    environment = {**os.environ, "SCHEMATHESIS_HOOKS": "schemathesis_hooks",
                   "PYTHONPATH": os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))}
    # schemathesis keeps a cache in its working directory: give it a throwaway one.
    with tempfile.TemporaryDirectory(prefix="schemathesis-") as scratch:
        return subprocess.run(command, timeout=600, cwd=scratch, env=environment).returncode


def main():
    with Daemon() as daemon:
        check = Checker(daemon)
        walk(check)
        print(f"OpenAPI: document valid; {check.checked} real responses match it")
    with Daemon() as daemon:
        return schemathesis(daemon)


if __name__ == "__main__":
    sys.exit(main())
