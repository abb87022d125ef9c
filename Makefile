# ReviewRoom — the two commands: `make run` and `make test`. Every target installs what it needs.
SHELL := /bin/bash
SYSTEM_PACKAGES := libwebsockets-dev libssl-dev libsqlite3-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build test run bench

deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

build: deps
	swift build

test: deps
	swift test

run: build
	swift run reviewroomd

bench: deps
	swift run -c release reviewroom-bench

# --- content: Python checks of the record JSON (jsonschema), calendar (icalendar) and HTML CSP hash.
# The Swift suite "Sample exports for the Python checks" writes the samples they read.
.PHONY: test-content
test: test-content
test-content: deps
	@python3 -c "import jsonschema, icalendar" 2>/dev/null || python3 -m pip install -q jsonschema icalendar
	samples=$$(mktemp -d) && \
	  REVIEWROOM_CONTENT_SAMPLES=$$samples swift test --filter ReviewRoomContentTests.SampleExportTests && \
	  REVIEWROOM_CONTENT_SAMPLES=$$samples python3 -m unittest discover -s Tests/content -p 'test_*.py' -v; \
	  status=$$?; rm -rf "$$samples"; exit $$status
