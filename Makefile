# Thin wrapper over CMake. `make run` and `make test` work on a fresh
# Debian/Ubuntu or macOS machine: they install what is missing first.
#
# RocksDB: the system's by default (fast, no network). To build and test
# against a RocksDB release built from source instead (once, then cached
# outside the build folder; most of an hour on 2 cores the first time):
#   make test ROCKSDB_SOURCE=path/to/rocksdb-11.0.4.tar.gz
# `make package` always does that with the pinned release tarball.
ROCKSDB_SOURCE ?=
ifneq ($(strip $(ROCKSDB_SOURCE)),)
BUILD_DIR  ?= build-rocksdb-source
else
BUILD_DIR  ?= build
endif
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= $(shell nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 2)
CMAKE_ARGS ?=
ROCKSDB_ARGS := -DMERIDIAN_ROCKSDB_SOURCE=$(if $(strip $(ROCKSDB_SOURCE)),$(abspath $(ROCKSDB_SOURCE)))

# The RocksDB release packages carry (CMakeLists.txt: MERIDIAN_RELEASE_ROCKSDB_VERSION;
# scripts/build-rocksdb.sh pins its SHA-256). Upstream's tarball is
# https://github.com/facebook/rocksdb/archive/refs/tags/v11.0.4.tar.gz.
RELEASE_ROCKSDB ?= $(firstword $(wildcard ../shared/rocksdb/rocksdb-11.0.4.tar.gz rocksdb-11.0.4.tar.gz v11.0.4.tar.gz) rocksdb-11.0.4.tar.gz)
RELEASE_DIR     ?= build-release

ifeq ($(shell uname -s),Darwin)
CMAKE_PREFIX := -DCMAKE_PREFIX_PATH="$(shell brew --prefix qt 2>/dev/null);$(shell brew --prefix rocksdb 2>/dev/null)"
GUI := $(BUILD_DIR)/app/gui/MeridianInspector.app/Contents/MacOS/MeridianInspector
else
GUI := $(BUILD_DIR)/app/gui/meridian-inspector
endif

# make fuzz: each libFuzzer target this long (seconds; 0 only replays the
# corpora), FUZZ_JOBS of them at a time.
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= $(JOBS)
FUZZ_DIR     ?= build-fuzz

.PHONY: all deps configure build test run package asan tsan fuzz bench check-rocksdb-headers clean

all: build

deps:
	@sh scripts/install-deps.sh $(if $(strip $(ROCKSDB_SOURCE)),--rocksdb-source)

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_PREFIX) $(ROCKSDB_ARGS) $(CMAKE_ARGS)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

run: build
	$(GUI) --demo

# This platform's package (a .deb on Debian/Ubuntu, a .dmg on macOS) in
# $(RELEASE_DIR), built against the pinned RocksDB release from source and
# linked statically, so it opens every database a current RocksDB writes.
package:
	$(MAKE) build BUILD_DIR=$(RELEASE_DIR) ROCKSDB_SOURCE=$(RELEASE_ROCKSDB) CMAKE_ARGS=-DBUILD_TESTING=OFF
	cd $(RELEASE_DIR) && cpack

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan:
	$(MAKE) test BUILD_DIR=build-asan BUILD_TYPE=Debug CMAKE_ARGS=-DMERIDIAN_SANITIZE=ON

# The storage tests and the session's (StorageSession, ui/common/async.h)
# under ThreadSanitizer: the tests labelled tsan (tests/CMakeLists.txt), with
# tests/tsan.supp for RocksDB's and Qt's own code, which is not instrumented.
tsan: deps
	cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMERIDIAN_TSAN=ON $(CMAKE_PREFIX) $(ROCKSDB_ARGS) $(CMAKE_ARGS)
	cmake --build build-tsan -j $(JOBS) --target tsan_tests
	cd build-tsan && ctest --output-on-failure -j $(JOBS) -L tsan

# The libFuzzer targets (tests/fuzz) with clang, ASan and UBSan, each for
# FUZZ_SECONDS, FUZZ_JOBS at a time; fails on anything they find, which stays
# in $(FUZZ_DIR)/fuzz/. Skipped, saying so, on macOS without Homebrew's llvm.
fuzz:
	@sh scripts/install-deps.sh --fuzz $(if $(strip $(ROCKSDB_SOURCE)),--rocksdb-source)
	sh scripts/fuzz.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_JOBS) $(CMAKE_PREFIX) $(ROCKSDB_ARGS)

bench: build
	cmake --build $(BUILD_DIR) --target benchmarks
	cd $(BUILD_DIR) && ctest -C bench -L bench --output-on-failure -V

# storage/ against the headers of every RocksDB release in ../shared/rocksdb
# (also a test in `make test` when that folder exists).
check-rocksdb-headers:
	sh scripts/check-rocksdb-headers.sh

clean:
	rm -rf build build-asan build-tsan $(FUZZ_DIR) build-rocksdb-source $(RELEASE_DIR)
