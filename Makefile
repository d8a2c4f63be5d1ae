# JUO - thin wrapper over the CMake presets. Quick start: `make demo`, `make test`.
.PHONY: all setup configure build test check demo bench lint clean fuzz

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

# The whole suite once more built with AddressSanitizer and UBSan (CMakePresets.json "debug").
check:
	@$(MAKE) --no-print-directory PRESET=debug test

# Creates in $(DEMO_DB) the replica of the 2025 edition and prints its bilan, then an edition open
# today (registrations open, the event a few weeks ahead) with one demo account per role, whose
# passwords it prints once, and serves it in demo mode on http://127.0.0.1:8080 (Ctrl-C to stop).
DEMO_LISTEN ?= 127.0.0.1:8080
demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@$(JUO) seed --db $(DEMO_DB)
	@$(JUO) report --db $(DEMO_DB) --edition 2025 --format text
	@$(JUO) seed --db $(DEMO_DB) --open-now --demo-accounts --public-url http://$(DEMO_LISTEN) --quiet
	@JUO_PUBLIC_URL=http://$(DEMO_LISTEN) $(JUO) serve --db $(DEMO_DB) --listen $(DEMO_LISTEN) --demo

bench: build
	@bash bench/run.sh $(JUO)

# [block: fuzzing] Issue 21: builds the libFuzzer harnesses (the fuzz preset: clang, ASan + UBSan)
# and runs each for FUZZ_SECONDS seconds (scripts/fuzz.sh); `make test` replays their corpora.
FUZZ_SECONDS ?= 60
fuzz:
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz --target juo_fuzzers
	@FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh
# [end of block: fuzzing]

lint: configure
	@bash scripts/lint.sh $(BUILD_DIR)

clean:
	@rm -rf build
