# rclite: `make demo` and `make test` are the two commands of the README's quick start.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc)
# Warnings are errors in CI (CI=true), plain warnings elsewhere.
WERROR     ?= $(if $(CI),ON,OFF)
FUZZ_SECONDS ?= 60

CMAKE_COMMON = -DRCLITE_WERROR=$(WERROR)

.PHONY: all deps build test unit-test asan-test fuzz-test demo bench clean

all: build

deps:
	./scripts/install-deps

build:
	cmake -S . -B $(BUILD) $(CMAKE_COMMON)
	cmake --build $(BUILD) -j $(JOBS)

# The whole suite: unit and integration tests, the unit tests again under ASan+UBSan, and the
# fuzzers for a bounded time.
test: deps build unit-test asan-test fuzz-test

unit-test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

asan-test:
	cmake -S . -B $(ASAN_BUILD) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug -DRCLITE_BUILD_BENCH=OFF \
	  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) -L unit

# Everything in this build (library, rclite-idl, fuzzers) gets ASan+UBSan and libFuzzer's coverage
# instrumentation; the fuzz targets add -fsanitize=fuzzer themselves (tests/fuzz/CMakeLists.txt).
FUZZ_CXX_FLAGS = -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all \
  -fno-omit-frame-pointer

fuzz-test:
	CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DRCLITE_WERROR=OFF -DRCLITE_BUILD_TESTS=OFF \
	  -DRCLITE_BUILD_BENCH=OFF -DRCLITE_BUILD_FUZZ=ON -DRCLITE_FUZZ_SECONDS=$(FUZZ_SECONDS) \
	  -DCMAKE_CXX_FLAGS="$(FUZZ_CXX_FLAGS)"
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	ctest --test-dir $(FUZZ_BUILD) --output-on-failure --no-tests=error

demo: deps build
	./scripts/demo

# Benchmarks (figures in docs/PERFORMANCE.md): CDR encode/decode, then service calls vs raw Cyclone DDS.
bench: build
	./$(BUILD)/bin/cdr_bench
	./$(BUILD)/bin/service_bench

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
