# ReviewRoom — the two commands: `make run` and `make test`. Every target installs the Debian
# packages it needs (apt-get as root, sudo otherwise) and is safe to rerun.
SHELL := /bin/bash
SYSTEM_PACKAGES := libwebsockets-dev libwebsockets-evlib-ev libev-dev libssl-dev libsqlite3-dev zlib1g-dev pkg-config curl openssl systemd
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DATA_DIR ?= ./.data
LISTEN ?= 127.0.0.1:8080

# Every Python check runs in one virtual environment with these PyPI packages: the API checks
# (Tests/api), the record/calendar checks (Tests/content), the WebSocket protocol checks
# (Tests/blackbox) and the browser tests (Tests/browser).
PYTHON_VENV := .venv
PY := $(PYTHON_VENV)/bin/python
PYTHON_PACKAGES := schemathesis openapi-spec-validator jsonschema icalendar selenium axe-selenium-python pytest pytest-xdist websockets markdown-it-py tree-sitter tree-sitter-javascript tinycss2
PYTHON_MODULES := schemathesis,openapi_spec_validator,jsonschema,icalendar,selenium,axe_selenium_python,pytest,xdist,websockets,markdown_it,tree_sitter,tree_sitter_javascript,tinycss2
# axe-core 4.12.1 for the browser tests' accessibility gate: axe-selenium-python bundles 3.1.1
# (2018); this wheel ships the 4.x engine. Only its axe.min.js is used, so not its Playwright.
AXE_CORE_PACKAGE := axe-playwright-python==0.1.8
# Debian packages only the browser tests need: most run in Chromium's headless shell, the
# tests of what only the whole browser does in Chromium itself (Tests/browser/driver_pool.py).
BROWSER_PACKAGES := chromium chromium-driver chromium-headless-shell
# Debian packages only the black-box tests need: nginx and Apache run Deploy/nginx-reviewroom.conf
# and Deploy/apache-reviewroom.conf in front of a daemon (test_deploy_nginx.py,
# test_deploy_apache.py; each is skipped where its server is missing, so without them the shipped
# examples went untested). apache2-bin is Apache without Debian's service and default site.
BLACKBOX_PACKAGES := nginx apache2-bin
# Debian packages only the systemd container test needs (systemd-nspawn; `make systemd-check`
# adds debootstrap).
SYSTEMD_TEST_PACKAGES := systemd-container

# Installs those of the Debian packages named in $(1) that are not installed yet.
define install_missing
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
endef

.PHONY: deps build release test test-packages soak api-test blackbox-test blackbox-deps content-test browser-test browser-deps python-venv python-deps coverage run bench systemd-test systemd-deps systemd-check fuzz fuzz-build fuzz-merge fuzz-replay sanitize

deps:
	$(call install_missing,$(SYSTEM_PACKAGES))

build: deps
	swift build

# Release builds link the Swift runtime and Foundation into the binary (--static-swift-stdlib),
# so a server needs only the Debian runtime packages (README), not a Swift toolchain;
# libwebsockets, libev, OpenSSL and SQLite stay Debian's shared libraries. `make bench` builds
# with the same flags: they change every compile command, so a release build without them would
# rebuild everything and replace the binary install.sh installs with one that needs the toolchain.
RELEASE_FLAGS := -c release --static-swift-stdlib

# Stops the process group of the background step started last (`setsid -w`, pid in $$bg) and
# exits 130 when the recipe gets Ctrl-C or TERM (`make test` below). `setsid` does not fork here
# (a background job is not a group leader), so $$bg leads the group; were it to fork, `-w` keeps
# $$bg's status the step's and only the stop would miss. $$bg is stopped by its pid too: a Ctrl-C
# that comes before the job has run `setsid` (a loaded machine may run the recipe on first) finds
# no such group yet, and the job, ignoring Ctrl-C as a background job does, went on (a CI run).
STOP_BACKGROUND_ON_INTERRUPT = trap 'kill -TERM -- -$$bg $$bg 2>/dev/null; exit 130' INT TERM

# Sub-makes are called through this name, not $(MAKE): GNU make runs every recipe line that
# names $(MAKE) even under `make -n`, so `make -n test` would run the whole Swift suite (the line
# that calls the sub-makes starts with it) instead of printing what `make test` does.
SUBMAKE = $(MAKE)

# The optimised daemon Deploy/install.sh installs: `make release && sudo Deploy/install.sh --no-build`.
release: deps
	swift build $(RELEASE_FLAGS) --product reviewroomd

# Installs everything first, then: every Swift test (with the core's coverage figure), the
# record/calendar checks, the API checks (OpenAPI + schemathesis), the WebSocket protocol
# black-box checks, README's systemd deployment in a container (systemd-test), the browser
# tests. They run with TMPDIR set to one fresh directory, removed afterwards whatever the
# outcome: the data directories, sockets and files the tests make do not pile up in /tmp run
# after run. It also makes `make release`'s daemon, which the black-box suite runs on a machine
# without the Swift toolchain (test_deploy_install.py) and systemd-test installs under systemd,
# so a later `sudo Deploy/install.sh --no-build` installs a binary that was tested.
# Three steps run beside others that leave the cores half idle, their output shown once both end
# (either failing fails): the Debian packages only the tests need and the Python packages
# (test-packages then python-deps: apt and pip, mostly waiting on downloads; Chromium alone is
# over 100 MB on a new machine) while the debug build runs, which needs only `deps`; the release build (about 150 s on two
# cores) while api-test runs (about 20 s on one core: schemathesis and a daemon), after the
# Swift suite, which is busy on both cores and would wait for SwiftPM's lock on .build; and
# systemd-test (about 20 s, most of it a container booting) while the black-box suite runs (its
# workers mostly wait on daemons).
# Each of the three starts in a session of its own (`setsid -w`, its pid in $$bg), and
# STOP_BACKGROUND_ON_INTERRUPT stops its whole process group when Ctrl-C or a TERM stops the
# recipe: a non-interactive shell's background job ignores Ctrl-C, so pip, a release build
# holding SwiftPM's lock or a booting container went on after `make test` was stopped.
test: deps python-venv
	@pip_log="$$(mktemp)"; trap 'rm -f "$$pip_log"' EXIT; \
	  setsid -w $(SUBMAKE) --no-print-directory test-packages python-deps > "$$pip_log" 2>&1 & bg=$$!; \
	  $(STOP_BACKGROUND_ON_INTERRUPT); \
	  swift build --build-tests --enable-code-coverage; built=$$?; \
	  wait $$bg; installed=$$?; trap - INT TERM; cat "$$pip_log"; \
	  [ $$installed = 0 ] || echo "test-packages or python-deps failed (the output is above)"; \
	  [ $$built = 0 ] && [ $$installed = 0 ]
	@scratch="$$(mktemp -d /tmp/reviewroom-test.XXXXXX)" && trap 'rm -rf "$$scratch"' EXIT && export TMPDIR="$$scratch" && \
	  echo "TMPDIR=$$scratch (removed when the tests end)" && \
	  mkdir "$$scratch/content-samples" && \
	  REVIEWROOM_CONTENT_SAMPLES="$$scratch/content-samples" swift test --skip-build --enable-code-coverage && \
	  $(SUBMAKE) --no-print-directory coverage && \
	  REVIEWROOM_CONTENT_SAMPLES="$$scratch/content-samples" $(CONTENT_CHECKS) && \
	  { setsid -w swift build $(RELEASE_FLAGS) --product reviewroomd > "$$scratch/release.log" 2>&1 & bg=$$!; \
	    $(STOP_BACKGROUND_ON_INTERRUPT); \
	    $(SUBMAKE) --no-print-directory api-test; api=$$?; wait $$bg; built=$$?; trap - INT TERM; \
	    echo "swift build $(RELEASE_FLAGS) --product reviewroomd (run beside api-test):"; cat "$$scratch/release.log"; \
	    [ $$api = 0 ] && [ $$built = 0 ]; } && \
	  { setsid -w $(SUBMAKE) --no-print-directory systemd-test > "$$scratch/systemd-test.log" 2>&1 & bg=$$!; \
	    $(STOP_BACKGROUND_ON_INTERRUPT); \
	    $(SUBMAKE) --no-print-directory blackbox-test; blackbox=$$?; wait $$bg; booted=$$?; trap - INT TERM; \
	    echo "make systemd-test (run beside blackbox-test):"; cat "$$scratch/systemd-test.log"; \
	    [ $$blackbox = 0 ] && [ $$booted = 0 ]; } && \
	  $(SUBMAKE) --no-print-directory browser-test

# The virtual environment alone (quick; may install python3-venv, which can ask for a password).
python-venv:
	@[ -x $(PY) ] || python3 -m venv $(PYTHON_VENV) || { rm -rf $(PYTHON_VENV); \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && python3 -m venv $(PYTHON_VENV); }

python-deps: python-venv
	@$(PY) -c "import $(PYTHON_MODULES)" 2>/dev/null || $(PY) -m pip install --quiet $(PYTHON_PACKAGES)
	@$(PY) -m pip show --quiet axe-playwright-python 2>/dev/null || $(PY) -m pip install --quiet --no-deps $(AXE_CORE_PACKAGE)

browser-deps: deps
	$(call install_missing,$(BROWSER_PACKAGES))

# The Debian packages of browser-deps, blackbox-deps and systemd-deps in one apt-get run (one
# `apt-get update`, not three): `make test` installs them while the debug build runs.
test-packages: deps
	$(call install_missing,$(BROWSER_PACKAGES) $(BLACKBOX_PACKAGES) $(SYSTEMD_TEST_PACKAGES))

systemd-deps: deps
	$(call install_missing,$(SYSTEMD_TEST_PACKAGES))

# The record JSON against its schema (jsonschema), the calendar (icalendar), the HTML's CSP hash;
# the Swift suite "Sample exports for the Python checks" writes the samples they read (in
# `make test`, during the whole Swift run: running that suite again alone took 8 s more).
CONTENT_CHECKS = $(PY) -m unittest discover -s Tests/content -p 'test_*.py' -v
content-test: python-deps
	@[ -x "$$(swift build --show-bin-path)/ReviewRoomPackageTests.xctest" ] || swift build --build-tests --enable-code-coverage
	@# --enable-code-coverage only when the test build has it (make test's does): with --skip-build
	@# on a plain build it fails, and without it an instrumented build drops default.profraw here.
	samples=$$(mktemp -d) && coverage=$$([ -d "$$(swift build --show-bin-path)/codecov" ] && echo --enable-code-coverage || true) && \
	  REVIEWROOM_CONTENT_SAMPLES=$$samples swift test --skip-build $$coverage --filter ReviewRoomContentTests.SampleExportTests && \
	  REVIEWROOM_CONTENT_SAMPLES=$$samples $(CONTENT_CHECKS); \
	  status=$$?; rm -rf "$$samples"; exit $$status

# The OpenAPI document against real responses, then schemathesis against a live daemon.
api-test: python-deps
	REVIEWROOMD="$$(swift build --show-bin-path)/reviewroomd" $(PY) Tests/api/check_api.py

# The WebSocket protocol (PROTOCOL.md §3) from outside: a real reviewroomd, the `websockets` client.
# Three pytest workers, each test file on one (its module-scoped daemon started once): most of a
# black-box test is waiting on a daemon; one worker took about 115 s of `make test`, two 60–71 s
# with the two cores half idle, three 58–61 s (four no faster: the longest files set the pace).
# The files are handed out in the order the suite's conftest.py gives them, its longest first
# (Tests/support/slowest_first.py), not xdist's (most tests first): 70 s became 52 s, the three
# workers finishing within 2 s of each other instead of one running 20 s longer (session 62).
BLACKBOX_WORKERS ?= 3
blackbox-deps:
	$(call install_missing,$(BLACKBOX_PACKAGES))

blackbox-test: python-deps blackbox-deps
	@[ -x .build/debug/reviewroomd ] || swift build --product reviewroomd
	$(PY) -m pytest Tests/blackbox -q -n $(BLACKBOX_WORKERS) --dist loadfile --no-loadscope-reorder

# README's systemd deployment under a real systemd (Tests/systemd/test_systemd_container.py):
# `make release`'s binary and Deploy/ installed, as on a server, into a container booted with
# systemd-nspawn. systemd-test (part of `make test`) boots this machine's own Debian 12
# (`-D / --volatile=yes`: a tmpfs root with this machine's /usr read-only, /etc and /usr/local
# from a scratch directory), in seconds and without a download; the whole file takes about 20 s.
# It needs root and skips, saying why, without it (it runs as `make` does, never through sudo,
# so `make test` asks for no password), without systemd-nspawn, or where the container cannot
# boot (a sandbox without the namespaces nspawn needs).
systemd-test: python-deps systemd-deps
	@[ -x .build/release/reviewroomd ] || $(SUBMAKE) --no-print-directory release
	$(PY) -m pytest Tests/systemd -q -rs

# The same steps in a minimal Debian 12 instead (debootstrap --variant=minbase, the runtime
# packages only: no binutils, no procps), which shows what this machine's fuller OS hides. Not
# part of `make test`: the first run debootstraps the tree (.build/systemd-check/rootfs, kept)
# from the network, which takes minutes; later runs take about half a minute. Needs root (run
# as root or via sudo).
SYSTEMD_CHECK_PACKAGES := $(SYSTEMD_TEST_PACKAGES) debootstrap
systemd-check: release python-deps
	$(call install_missing,$(SYSTEMD_CHECK_PACKAGES))
	$(SUDO) env REVIEWROOM_SYSTEMD_ROOTFS=debootstrap $(PY) -m pytest Tests/systemd -q -rs

# Real headless Chromium (Debian's) against a real reviewroomd; `make test` has just built it.
# Three pytest workers (pytest-xdist), each test file on one of them (its module-scoped daemon is
# started once): most of a browser test is waiting for a page or a daemon; one worker left the
# two cores half idle, and on a 2-core VM a quarter of the suite's files took 143–149 s with two
# workers, 127–140 s with three, 149 s with four (the cores are then busy throughout). The 15
# slowest tests are listed at the end, to see where that time goes. The longest files are handed
# out first, as in blackbox-test; here that changed nothing measurable (688 s in one run each way:
# the workers already ended within seconds of each other), but no order leaves a long file last.
BROWSER_WORKERS ?= 3
browser-test: browser-deps python-deps
	@[ -x .build/debug/reviewroomd ] || swift build --product reviewroomd
	$(PY) -m pytest Tests/browser -q -n $(BROWSER_WORKERS) --dist loadfile --no-loadscope-reorder --durations=15

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

# Benchmarks (BENCHMARKS.md): trace, store, load a–e against reviewroomd, the C send-loop limit
# and the Hummingbird peer under scenario e. BENCH_SCALE=0.1 for a quick run. The open-file
# limit is raised to 65536 here (10,000 client sockets plus the daemon's own 10,000).
# `sync` first: a release build leaves about 180 MB of dirty pages, which the kernel writes back
# some 30 s later, in the middle of the store's or a's fsyncs.
# d (restart) runs last: it seeds 10 million ops through the driver's own process, and the
# step that followed it read a p99 several times its reading alone (BENCHMARKS.md "Method").
BENCH_SCALE ?= 1
BENCH_OUT ?= .build/bench-results.jsonl
PEER_DIR := Benchmarks/HummingbirdPeer
bench: deps
	swift build $(RELEASE_FLAGS)
	cc -O2 -Wall -pthread -o .build/sendloop Benchmarks/limit/sendloop.c
	cd $(PEER_DIR) && swift build -c release
	@bin="$$(swift build $(RELEASE_FLAGS) --show-bin-path)"; peer="$$(cd $(PEER_DIR) && swift build -c release --show-bin-path)/HummingbirdPeer"; \
	ulimit -n 65536 2>/dev/null || ulimit -n "$$(ulimit -Hn)"; \
	scale=$(BENCH_SCALE); clients=$$(awk "BEGIN { n = int(2000 * $$scale); print (n < 16 ? 16 : n) }"); \
	: > $(BENCH_OUT); sync; \
	"$$bin/reviewroom-bench" trace Tests/ReviewRoomCoreTests/Fixtures/automerge-paper.json.gz --repeat 3 | tee -a $(BENCH_OUT); \
	"$$bin/reviewroom-bench" store --seconds 1 | tee >(grep '^{' >> $(BENCH_OUT)); \
	"$$bin/reviewroom-bench" load --scenario a,b,c,e --scale $$scale | tee -a $(BENCH_OUT); status=$${PIPESTATUS[0]}; \
	.build/sendloop $$clients 5 | tee -a $(BENCH_OUT); \
	"$$bin/reviewroom-bench" load --scenario e --scale $$scale --target peer --peer-executable "$$peer" | tee -a $(BENCH_OUT); \
	"$$bin/reviewroom-bench" load --scenario d --scale $$scale | tee -a $(BENCH_OUT); [ $${PIPESTATUS[0]} = 0 ] || status=1; \
	echo; "$$bin/reviewroom-bench" summary $(BENCH_OUT); \
	echo "JSON lines in $(BENCH_OUT)"; exit $$status

# A long churn of whole sessions against one release reviewroomd, then one long live session
# (BENCHMARKS.md "Soak"): what grows with the sessions it has served, and with a session's edits;
# then one invite link reconnecting in a loop for a minute: what each reconnect costs, and (20 s)
# how reconnects_per_minute's default holds such a loop to five joins a second.
# SOAK_BATCHES=30 SOAK_EDITS=20000 for a quick look (300 and 130,000: about 5 minutes).
SOAK_BATCHES ?= 300
SOAK_EDITS ?= 130000
soak: python-deps
	swift build $(RELEASE_FLAGS) --product reviewroomd
	REVIEWROOMD="$$(swift build $(RELEASE_FLAGS) --show-bin-path)/reviewroomd" $(PY) Benchmarks/soak/soak.py --batches $(SOAK_BATCHES)
	REVIEWROOMD="$$(swift build $(RELEASE_FLAGS) --show-bin-path)/reviewroomd" $(PY) Benchmarks/soak/long_session.py --edits $(SOAK_EDITS)
	REVIEWROOMD="$$(swift build $(RELEASE_FLAGS) --show-bin-path)/reviewroomd" $(PY) Benchmarks/soak/reconnect_loop.py
	REVIEWROOMD="$$(swift build $(RELEASE_FLAGS) --show-bin-path)/reviewroomd" $(PY) Benchmarks/soak/reconnect_loop.py --seconds 20 --reconnects-per-minute 300

# Coverage-guided fuzzing (libFuzzer) of every parser of untrusted bytes (README "Fuzzing"):
# reviewroom-fuzz exists only in this build (REVIEWROOM_FUZZ=1, its own scratch path, fuzzer and
# address sanitizers), so `make test` never builds it; it replays Tests/fuzz-corpus instead. Each
# target runs FUZZ_SECONDS from its committed corpus; what it finds goes to .build-fuzz/found/TARGET
# (`make fuzz-merge` adds what widens coverage to the corpus), a crash to .build-fuzz/crashes/.
# SWIFT_BACKTRACE=enable=no: with Swift's backtracer on, libFuzzer writes no crash file.
# config-file runs without leak detection: it hands each file the daemon reads without a problem
# to TOMLKit 0.6 to compare readings, and TOMLKit leaks its parse error and every string it hands
# back (a few hundred bytes per file read; the daemon itself no longer uses it).
# -sanitize-coverage is spelled out: with -g (which SwiftPM always passes) swiftc's
# -sanitize=fuzzer alone instruments nothing, and libFuzzer would fuzz blind.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= protocol-message note-op config-file session-body percent-decoding served-comments
FUZZ_MAX_LEN ?= 4096
FUZZ_SCRATCH := .build-fuzz
FUZZ_BUILD := REVIEWROOM_FUZZ=1 swift build -c release --scratch-path $(FUZZ_SCRATCH) --sanitize=fuzzer --sanitize=address \
  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp
FUZZ_BIN = $$($(FUZZ_BUILD) --show-bin-path)/reviewroom-fuzz

fuzz-build: deps
	$(FUZZ_BUILD) --product reviewroom-fuzz

fuzz: fuzz-build
	@status=0; for target in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_SCRATCH)/found/$$target $(FUZZ_SCRATCH)/crashes; \
	  echo "== $$target: $(FUZZ_SECONDS) s"; \
	  leaks=$$([ $$target = config-file ] && echo 0 || echo 1); \
	  ASAN_OPTIONS=detect_leaks=$$leaks SWIFT_BACKTRACE=enable=no nice -n 10 $(FUZZ_BIN) $$target $(FUZZ_SCRATCH)/found/$$target Tests/fuzz-corpus/$$target \
	    -detect_leaks=$$leaks \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_SCRATCH)/crashes/$$target- || { status=1; echo "== $$target FAILED: see $(FUZZ_SCRATCH)/crashes/"; }; \
	done; exit $$status

# Adds to Tests/fuzz-corpus/TARGET the fewest inputs of .build-fuzz/found/TARGET that keep their coverage
# (-set_cover_merge=1: about half the files -merge=1 keeps).
fuzz-merge: fuzz-build
	@for target in $(FUZZ_TARGETS); do mkdir -p $(FUZZ_SCRATCH)/found/$$target; \
	  ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no nice -n 10 $(FUZZ_BIN) $$target -set_cover_merge=1 -max_len=$(FUZZ_MAX_LEN) \
	    Tests/fuzz-corpus/$$target $(FUZZ_SCRATCH)/found/$$target || exit 1; done; du -sh Tests/fuzz-corpus

# Runs one input again, e.g. a crash: `make fuzz-replay TARGET=note-op INPUT=.build-fuzz/crashes/note-op-crash-…`.
fuzz-replay: fuzz-build
	ASAN_OPTIONS=detect_leaks=$$([ $(TARGET) = config-file ] && echo 0 || echo 1) SWIFT_BACKTRACE=enable=no $(FUZZ_BIN) $(TARGET) $(INPUT)

# The thread and address sanitizers over the Swift suite and the black-box and browser suites (README
# "Sanitizers"; not part of `make test`: about 45 minutes on 2 cores). Each sanitizer builds in
# its own scratch path (.build-tsan, .build-asan), runs the Swift suite one test at a time (a
# sanitizer slows the code 2-15x; in parallel on 2 cores, tests ran past their waits, e.g. a
# stalled-service-thread test's 6 s idle hang-up), then the black-box and browser suites
# (SANITIZE_SUITES) against that build's reviewroomd. Every process writes its reports under
# $(SANITIZE_REPORTS)/<sanitizer>/; any report fails the target, also one from a daemon a test
# stopped with kill -9 (such a daemon never reaches the sanitizer's exit code). The Swift suite's
# own process runs without leak detection, which reports XCTest's harness; the
# daemons run with it, less Tests/sanitizers/lsan.supp (Swift's weak-reference side tables).
SANITIZERS ?= thread address
SANITIZE_SUITES ?= blackbox browser
SANITIZE_REPORTS := .build-sanitize-reports
sanitize: deps python-deps browser-deps
	@status=0; for sanitizer in $(SANITIZERS); do \
	  scratch=.build-$$([ $$sanitizer = thread ] && echo tsan || echo asan); \
	  reports=$$PWD/$(SANITIZE_REPORTS)/$$sanitizer; rm -rf $$reports; mkdir -p $$reports; \
	  echo "== $$sanitizer sanitizer: building in $$scratch"; \
	  swift build --build-tests --sanitize=$$sanitizer --scratch-path $$scratch || exit 1; \
	  TSAN_OPTIONS="log_path=$$reports/swift-suite" ASAN_OPTIONS="detect_leaks=0 log_path=$$reports/swift-suite" \
	    swift test --skip-build --scratch-path $$scratch --no-parallel || status=1; \
	  for suite in $(SANITIZE_SUITES); do \
	    REVIEWROOMD=$$PWD/$$scratch/debug/reviewroomd TSAN_OPTIONS="log_path=$$reports/daemon" \
	      ASAN_OPTIONS="log_path=$$reports/daemon" LSAN_OPTIONS="suppressions=$$PWD/Tests/sanitizers/lsan.supp print_suppressions=0" $(PY) -m pytest Tests/$$suite -q -rs -p no:cacheprovider || status=1; \
	  done; \
	  if ls $$reports | grep -q .; then status=1; echo "== $$sanitizer sanitizer: reports in $$reports:"; ls $$reports; \
	  else echo "== $$sanitizer sanitizer: no reports"; fi; \
	done; exit $$status
