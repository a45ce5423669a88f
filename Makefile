# Thin wrapper over CMake. `make run` and `make test` work on a fresh
# Debian/Ubuntu or macOS machine: they install what is missing first.
BUILD_DIR  ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= $(shell nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 2)
CMAKE_ARGS ?=

ifeq ($(shell uname -s),Darwin)
CMAKE_PREFIX := -DCMAKE_PREFIX_PATH="$(shell brew --prefix qt 2>/dev/null);$(shell brew --prefix rocksdb 2>/dev/null)"
endif

.PHONY: all deps configure build test run asan bench clean

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
	$(BUILD_DIR)/app/gui/meridian-inspector --demo

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan:
	$(MAKE) test BUILD_DIR=build-asan BUILD_TYPE=Debug CMAKE_ARGS=-DMERIDIAN_SANITIZE=ON

bench: build
	cmake --build $(BUILD_DIR) --target benchmarks
	cd $(BUILD_DIR) && ctest -C bench -L bench --output-on-failure -V

clean:
	rm -rf $(BUILD_DIR) build-asan
