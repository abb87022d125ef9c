# ReviewRoom — the two commands: `make run` and `make test`. Every target installs the Debian
# packages it needs (apt-get as root, sudo otherwise) and is safe to rerun.
SHELL := /bin/bash
SYSTEM_PACKAGES := libwebsockets-dev libssl-dev libsqlite3-dev pkg-config curl openssl systemd
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DATA_DIR ?= ./.data
LISTEN ?= 127.0.0.1:8080

PYTHON_VENV := .venv
# The Python packages of the black-box API checks (Tests/api), installed into $(PYTHON_VENV).
API_TEST_PACKAGES := schemathesis openapi-spec-validator jsonschema

.PHONY: deps build test api-test python-deps coverage run bench

deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

build: deps
	swift build

test: deps
	swift build --build-tests --enable-code-coverage
	swift test --skip-build --enable-code-coverage
	@$(MAKE) --no-print-directory coverage
	@$(MAKE) --no-print-directory api-test
	@$(MAKE) --no-print-directory browser-test

# The OpenAPI document against real responses, then schemathesis against a live daemon.
api-test: python-deps
	REVIEWROOMD="$$(swift build --show-bin-path)/reviewroomd" $(PYTHON_VENV)/bin/python Tests/api/check_api.py

python-deps:
	@[ -x $(PYTHON_VENV)/bin/python ] || python3 -m venv $(PYTHON_VENV) || { \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && python3 -m venv $(PYTHON_VENV); }
	@$(PYTHON_VENV)/bin/python -c "import schemathesis, openapi_spec_validator, jsonschema" 2>/dev/null || \
	  $(PYTHON_VENV)/bin/pip install --quiet $(API_TEST_PACKAGES)

# Prints the line coverage of the pure core (ReviewRoomCore) from the last `make test`.
coverage:
	@bin="$$(swift build --show-bin-path)"; profdata="$$bin/codecov/default.profdata"; \
	llvm_cov="$$(dirname "$$(readlink -f "$$(command -v swift)")")/llvm-cov"; \
	[ -x "$$llvm_cov" ] || llvm_cov="$$(command -v llvm-cov || true)"; \
	if [ -f "$$profdata" ] && [ -n "$$llvm_cov" ]; then \
	  "$$llvm_cov" report "$$bin/ReviewRoomPackageTests.xctest" -instr-profile="$$profdata" \
	    $$(find Sources/ReviewRoomCore -name '*.swift') | tail -1 | \
	    awk '{ print "ReviewRoomCore coverage: lines " $$(NF-3) ", regions " $$4 }'; \
	else echo "coverage: no profile data or llvm-cov; run make test"; fi

run: build
	@mkdir -p $(DATA_DIR)
	@echo "Open http://$(LISTEN)/ in a browser (Ctrl-C stops the daemon); the demo links follow."
	swift run reviewroomd serve --listen $(LISTEN) --data-dir $(DATA_DIR) --demo

bench: deps
	swift run -c release reviewroom-bench

# ---- Browser client tests (helper "browser"): real Chromium against a real reviewroomd ----
# Installs Debian's chromium + chromium-driver and, from PyPI, selenium, axe-selenium-python
# and pytest (each only when missing), then runs Tests/browser against .build/debug/reviewroomd.
BROWSER_PACKAGES := chromium chromium-driver python3 python3-pip
BROWSER_PY_MODULES := selenium,axe_selenium_python,pytest

.PHONY: browser-deps browser-test

browser-deps: deps
	@missing=""; for p in $(BROWSER_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
	@python3 -c "import $(BROWSER_PY_MODULES)" 2>/dev/null || \
	  python3 -m pip install --quiet selenium axe-selenium-python pytest 2>/dev/null || \
	  python3 -m pip install --quiet --break-system-packages selenium axe-selenium-python pytest

# `make test` has just built reviewroomd (with its own flags); build here only when it is missing.
browser-test: browser-deps
	@[ -x .build/debug/reviewroomd ] || swift build --product reviewroomd
	python3 -m pytest Tests/browser -q

# --- content: Python checks of the record JSON (jsonschema), calendar (icalendar) and HTML CSP hash.
# The Swift suite "Sample exports for the Python checks" writes the samples they read.
.PHONY: test-content
test: test-content
test-content: deps
	@python3 -c "import jsonschema, icalendar" 2>/dev/null || python3 -m pip install -q jsonschema icalendar
	samples=$$(mktemp -d) && \
	  swift build --build-tests --enable-code-coverage && \
	  REVIEWROOM_CONTENT_SAMPLES=$$samples swift test --skip-build --enable-code-coverage --filter ReviewRoomContentTests.SampleExportTests && \
	  REVIEWROOM_CONTENT_SAMPLES=$$samples python3 -m unittest discover -s Tests/content -p 'test_*.py' -v; \
	  status=$$?; rm -rf "$$samples"; exit $$status
