# rclite: `make demo` and `make test` are the two commands of the README's quick start.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
TSAN_BUILD ?= build-tsan
JOBS       ?= $(shell nproc)
# Warnings are errors in CI (CI=true), plain warnings elsewhere.
WERROR     ?= $(if $(CI),ON,OFF)
# Per fuzz target (tests/fuzz/: 4 targets).
FUZZ_SECONDS ?= 15

# ccache (scripts/install-deps installs it) speeds rebuilds; clones in other folders share the cache.
CCACHE := $(shell command -v ccache 2>/dev/null)
CMAKE_COMMON = -DRCLITE_WERROR=$(WERROR) $(if $(CCACHE),-DCMAKE_CXX_COMPILER_LAUNCHER=$(CCACHE))
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all deps configure build docs check install test test-banner unit-test asan-test tsan-test fuzz-test soak model-soak demo \
  bench clean interop

all: build

deps:
	./scripts/install-deps

configure:
	cmake -S . -B $(BUILD) $(CMAKE_COMMON)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# Day to day: the normal build and its tests (no sanitizers, no fuzzers): about 3 minutes.
check: deps build unit-test

# The whole suite: the API reference's check (make docs), unit and integration tests (with the
# 60 s soak), the suite again under ASan+UBSan and under TSan, and the fuzzers for a bounded time.
test: test-banner deps docs build unit-test asan-test tsan-test fuzz-test

# What `make test` is about to do, and for how long. The durations are the last measured run of
# docs/RELIABILITY.md ("make test", 2026-12-02, the 2-vCPU VM); update both together.
test-banner:
	@echo "make test: the API reference (make docs: fails on any Doxygen warning, about a second), then four"
	@echo "stages, each a build of its own and then its tests (last measured run's test times):"
	@echo "  1. normal build      unit + integration + Python suites, load, faults, netns, 60 s soak      485 tests, 144 s"
	@echo "  2. ASan+UBSan build  the same without the soak                                              484 tests, 121 s"
	@echo "  3. TSan build        the same without the soak and the Python suites                        482 tests, 160 s"
	@echo "  4. fuzz build        4 libFuzzer targets, $(FUZZ_SECONDS) s each (FUZZ_SECONDS)                            33 s"
	@echo "On a 2-core machine the rest is compiling: from a fresh clone the run took 37 min 25 s in all (other"
	@echo "work on the machine; 30 min 18 s on a quiet one, 2026-12-02); with the builds incremental, 18 min 39 s."
	@echo "Source: docs/RELIABILITY.md, section \"make test\" (2026-12-03, counts as now)."
	@echo "Day to day: make check (stage 1 only)."

# The API reference (docs/Doxyfile): $(BUILD)/docs/html/index.html. Any Doxygen warning (an
# undocumented public symbol, a broken reference) fails it; it takes about a second, and
# `make test` runs it before the builds.
docs:
	rm -rf $(BUILD)/docs && mkdir -p $(BUILD)/docs
	RCLITE_DOCS_DIR=$(BUILD)/docs doxygen docs/Doxyfile

unit-test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The sanitizer builds keep line tables only (-g1): their reports need file:line, not variables, and
# full debug info made the four build trees of make test about 10 GB (a CI run once ran out of disk).
SANITIZER_DEBUG_INFO = -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DCMAKE_C_FLAGS_DEBUG=-g1

# The whole suite under ASan+UBSan, but the soak (the sanitizer's allocator makes RSS meaningless),
# and the load test with 500 calls per client instead of 1,000. Child processes (servers, clients,
# the CLI) are the instrumented builds too; LeakSanitizer checks every process that exits normally.
asan-test:
	cmake -S . -B $(ASAN_BUILD) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug -DRCLITE_BUILD_BENCH=OFF $(SANITIZER_DEBUG_INFO) \
	  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 RCLITE_LOAD_CALLS_PER_CLIENT=500 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) -LE soak

# The whole suite under TSan, but the soak and the Python face (the interpreter is not instrumented:
# TSan would see only the C++ half of every hand-off through the GIL; the Python suites run under
# ASan+UBSan instead), and the load test with 200 calls per client. Debian's
# libddsc is not instrumented: src/dds/tsan_handoff.hpp marks the hand-offs through it for TSan,
# tests/tsan.supp suppresses what is inside it.
tsan-test:
	cmake -S . -B $(TSAN_BUILD) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug -DRCLITE_BUILD_BENCH=OFF $(SANITIZER_DEBUG_INFO) \
	  -DRCLITE_BUILD_PYTHON=OFF -DCMAKE_CXX_FLAGS="-fsanitize=thread -O1 -fno-omit-frame-pointer"
	cmake --build $(TSAN_BUILD) -j $(JOBS)
	TSAN_OPTIONS="suppressions=$(CURDIR)/tests/tsan.supp halt_on_error=1 second_deadlock_stack=1" \
	  RCLITE_LOAD_CALLS_PER_CLIENT=200 ctest --test-dir $(TSAN_BUILD) --output-on-failure -j $(JOBS) -LE soak

# Everything in this build (library, rclite-idl, fuzzers) gets ASan+UBSan and libFuzzer's coverage
# instrumentation; the fuzz targets add -fsanitize=fuzzer themselves (tests/fuzz/CMakeLists.txt).
FUZZ_CXX_FLAGS = -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all \
  -fno-omit-frame-pointer

fuzz-test:
	CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DRCLITE_WERROR=OFF -DRCLITE_BUILD_TESTS=OFF \
	  $(if $(CCACHE),-DCMAKE_CXX_COMPILER_LAUNCHER=$(CCACHE)) \
	  -DRCLITE_BUILD_BENCH=OFF -DRCLITE_BUILD_FUZZ=ON -DRCLITE_FUZZ_SECONDS=$(FUZZ_SECONDS) \
	  -DCMAKE_CXX_FLAGS="$(FUZZ_CXX_FLAGS)"
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	ctest --test-dir $(FUZZ_BUILD) --output-on-failure --no-tests=error -j $(JOBS)

# The full soak (10 minutes; make test runs 60 s of it): SOAK_SECONDS=3600 make soak for longer.
SOAK_SECONDS ?= 600
soak: build
	RCLITE_BIN_DIR=$(CURDIR)/$(BUILD)/bin ./tests/soak/soak.sh $(SOAK_SECONDS)

# The randomized lifecycle model test over many seeds: MODEL_SECONDS=36000 make model-soak for hours.
MODEL_SECONDS ?= 3600
model-soak: build
	RCLITE_BIN_DIR=$(CURDIR)/$(BUILD)/bin ./tests/soak/lifecycle_model.sh $(MODEL_SECONDS)

# Only the tutorial pair and what it links (the library, the interface compiler, the bundled
# interfaces): not the tests and benchmarks that `make build` compiles too.
demo: deps configure
	cmake --build $(BUILD) -j $(JOBS) --target add_two_ints_server add_two_ints_client \
	  rclite_python_module rclite_python_interfaces
	./scripts/demo

# Installs the library, the tools and the Python face (under <prefix>/lib/rclite/python, run with
# rclite-python: the system's Python path is left alone). PREFIX=/usr/local by default.
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# Benchmarks (figures in docs/PERFORMANCE.md): CDR encode/decode, then service calls vs raw Cyclone DDS (and the payload sweep),
# then 32 client processes x 5,000 calls against one server (docs/RELIABILITY.md), then the Python
# face against the C++ client (docs/PERFORMANCE.md, "Python").
bench: build
	./$(BUILD)/bin/cdr_bench
	./$(BUILD)/bin/service_bench
	./bench/load.sh $(BUILD)
	/usr/bin/python3 bench/python_bench.py $(BUILD)

# Interop with a real ROS 2 sourced in the shell (not part of `make test`): PASS/FAIL per check, and
# the distro's section of docs/INTEROP.md. Without ROS 2 it says so and exits 0.
interop: build
	/usr/bin/python3 interop/run.py

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) $(FUZZ_BUILD)
