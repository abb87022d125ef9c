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
