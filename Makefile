# JUO - thin wrapper over the CMake presets. Quick start: `make demo`, `make test`.
.PHONY: all setup configure build test demo bench lint clean

PRESET ?= default
BUILD_DIR := build/$(PRESET)
JUO := $(BUILD_DIR)/apps/juo
DEMO_DB ?= demo.db

all: build

setup:
	@bash scripts/setup.sh

configure: setup
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build --preset $(PRESET)

test: build
	@ctest --preset $(PRESET)

# Creates the replica of the 2025 edition in $(DEMO_DB), prints its bilan, and serves the
# public site on http://localhost:8080 (Ctrl-C to stop).
DEMO_LISTEN ?= 127.0.0.1:8080
demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@$(JUO) seed --db $(DEMO_DB)
	@$(JUO) report --db $(DEMO_DB) --edition 2025 --format text
	@$(JUO) serve --db $(DEMO_DB) --listen $(DEMO_LISTEN)

bench: build
	@bash bench/run.sh $(JUO)

lint: configure
	@bash scripts/lint.sh $(BUILD_DIR)

clean:
	@rm -rf build
