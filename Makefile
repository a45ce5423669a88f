# Thin wrapper over CMake. `make run` and `make test` work on a fresh
# Debian/Ubuntu or macOS machine: they install what is missing first.
BUILD_DIR  ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= $(shell nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 2)
CMAKE_ARGS ?=

ifeq ($(shell uname -s),Darwin)
CMAKE_PREFIX := -DCMAKE_PREFIX_PATH="$(shell brew --prefix qt 2>/dev/null);$(shell brew --prefix rocksdb 2>/dev/null)"
GUI := $(BUILD_DIR)/app/gui/MeridianInspector.app/Contents/MacOS/MeridianInspector
else
GUI := $(BUILD_DIR)/app/gui/meridian-inspector
endif

.PHONY: all deps configure build test run package asan bench clean

all: build

deps:
	@sh scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_PREFIX) $(CMAKE_ARGS)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

run: build
	$(GUI) --demo

# This platform's package in $(BUILD_DIR): a .deb (Debian/Ubuntu) or a .dmg (macOS).
package: build
	cd $(BUILD_DIR) && cpack

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan:
	$(MAKE) test BUILD_DIR=build-asan BUILD_TYPE=Debug CMAKE_ARGS=-DMERIDIAN_SANITIZE=ON

bench: build
	cmake --build $(BUILD_DIR) --target benchmarks
	cd $(BUILD_DIR) && ctest -C bench -L bench --output-on-failure -V

clean:
	rm -rf $(BUILD_DIR) build-asan
