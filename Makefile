# benchgate: build, test, demo, bench. `make demo` and `make check` install what is missing.
VERSION := 0.1.0
PREFIX ?= /usr/local
CC ?= cc

# SANITIZE=address,undefined builds into its own directory.
ifdef SANITIZE
BUILD := build-san
SANFLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
else
BUILD := build
SANFLAGS :=
endif

PKGS := gsl jansson libgit2 expat
WARN := -Wall -Wextra -Werror -Wstrict-prototypes -Wwrite-strings -Wvla -Wshadow
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) -Iinclude \
	-DBG_VERSION='"$(VERSION)"' $(shell pkg-config --cflags $(PKGS))
LIBS = $(shell pkg-config --libs gsl jansson expat) -ldl -lm -pthread
# Tests drive git repositories with libgit2 directly; benchgate itself loads it when used.
TEST_LIBS = $(shell pkg-config --libs cmocka libgit2)

SRC := $(sort $(wildcard src/*.c src/*/*.c))
LIB_SRC := $(filter-out src/main.c,$(SRC))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HEADERS := $(wildcard include/benchgate/*.h)

.PHONY: all deps demo check test unit cli asan valgrind bench bench-check bench-paired bench-peers bench-baseline sim fuzz install deb clean

all: $(BUILD)/benchgate

deps:
	@sh ci/install-deps.sh

$(BUILD)/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libbenchgate.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/benchgate: $(BUILD)/src/main.o $(BUILD)/libbenchgate.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)
	@ln -sf $(BUILD)/benchgate benchgate 2>/dev/null || true

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libbenchgate.a $(HEADERS) tests/unit/testutil.h tests/unit/fixture.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libbenchgate.a $(LIBS) $(TEST_LIBS)

# The example data shipped in examples/: a baseline and two current runs.
demo: deps
	@$(MAKE) --no-print-directory all
	@echo
	@echo '$$ benchgate check --baseline examples/baseline.json examples/current-run1.json examples/current-run2.json'
	@$(BUILD)/benchgate check --baseline examples/baseline.json examples/current-run1.json \
		examples/current-run2.json; code=$$?; \
	echo; echo "exit code $$code (1: the gate found a regression in the example data)"; \
	test $$code -le 1

check: deps
	@$(MAKE) --no-print-directory test

test: $(BUILD)/benchgate $(UNIT_BIN)
	@BUILD=$(BUILD) sh tests/run.sh

unit: $(UNIT_BIN)
	@BUILD=$(BUILD) sh tests/run.sh unit

cli: $(BUILD)/benchgate
	@BUILD=$(BUILD) sh tests/run.sh cli

asan: deps
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 $(MAKE) --no-print-directory SANITIZE=address,undefined test

valgrind: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@BUILD=$(BUILD) BG_WRAP="valgrind -q --error-exitcode=99 --suppressions=$(CURDIR)/tests/libgit2.supp --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect" sh tests/run.sh

bench:
	@BG_EXTRA_PKGS=python3 sh ci/install-deps.sh
	@$(MAKE) --no-print-directory all $(BUILD)/readrate $(BUILD)/gen $(BUILD)/runone
	@BUILD=$(BUILD) sh bench/run.sh

# The project gates its own speed: the bench's cases (no growth table), then
# benchgate check (smoke) of their results against the committed baselines/bench.json.
bench-check:
	@BG_EXTRA_PKGS=python3 sh ci/install-deps.sh
	@$(MAKE) --no-print-directory all $(BUILD)/gen $(BUILD)/runone
	@python3 bench/bench.py $(BUILD) --no-growth --out $(BUILD)/bench/results.json
	@echo
	@echo '$$ benchgate check -b baselines/bench.json $(BUILD)/bench/results.json'
	@$(BUILD)/benchgate check -b baselines/bench.json $(BUILD)/bench/results.json

# The same gate for a shared machine: the baseline's commit (its provenance in
# baselines/bench.json, or BENCH_BASE) and this checkout both built, their bench runs
# interleaved in this one job (BENCH_PAIRS pairs, BENCH_REPEAT samples a case a run),
# and gated with --paired (ci/paired-runs.sh): what the machine does to one run it does
# to its pair. The base checkout reads the inputs of this one (bench/out).
bench-paired:
	@BG_EXTRA_PKGS=python3 sh ci/install-deps.sh
	@$(MAKE) --no-print-directory all $(BUILD)/gen $(BUILD)/runone
	@base=$${BENCH_BASE:-$$(python3 -c 'import json; print(json.load(open("baselines/bench.json"))["provenance"]["commit"])' 2>/dev/null)}; \
	[ -n "$$base" ] || { echo "bench-paired: no commit in the provenance of baselines/bench.json: set BENCH_BASE=REV" >&2; exit 2; }; \
	BENCHGATE=$(CURDIR)/$(BUILD)/benchgate BENCH_REPEAT=$${BENCH_REPEAT:-3} sh ci/paired-runs.sh "$$base" $${BENCH_PAIRS:-5} \
		'make -s all $(BUILD)/gen $(BUILD)/runone && { [ -e bench/out ] || ln -s $(CURDIR)/bench/out bench/out; }' \
		'python3 bench/bench.py $(BUILD) --no-growth --out $(BUILD)/bench/paired.json > /dev/null && cat $(BUILD)/bench/paired.json'

# Refresh the committed baseline (README: "The project's own speed"): measure, then save
# with the provenance of HEAD and this machine.
bench-baseline:
	@$(MAKE) --no-print-directory all $(BUILD)/gen $(BUILD)/runone
	@python3 bench/bench.py $(BUILD) --no-growth --out $(BUILD)/bench/results.json
	@$(BUILD)/benchgate baseline save -n bench $(BUILD)/bench/results.json

# benchgate beside benchstat ($$BENCHSTAT, else on PATH), when there is one; never downloads.
bench-peers:
	@$(MAKE) --no-print-directory all $(BUILD)/gen $(BUILD)/runone
	@python3 bench/bench.py $(BUILD) --peers

# The speed benchmark's seeded input generator (bench/gen.c) and timer (bench/runone.c).
$(BUILD)/gen: bench/gen.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< -lm

$(BUILD)/runone: bench/runone.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $<

# The reading benchmark (bench/readrate.c): MB/s of bg_input_read per format.
$(BUILD)/readrate: bench/readrate.c $(BUILD)/libbenchgate.a $(HEADERS)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libbenchgate.a $(LIBS)

# The simulation of known-truth scenarios (sim/README.md): a measurement, not a test.
# sim.c runs the first scenarios and calls the others: every sim/sim_*.c is linked in.
SIM_SRC := sim/sim.c $(sort $(wildcard sim/sim_*.c))
$(BUILD)/sim: $(SIM_SRC) sim/sim.h $(BUILD)/libbenchgate.a $(HEADERS)
	$(CC) $(ALL_CFLAGS) -o $@ $(SIM_SRC) $(BUILD)/libbenchgate.a $(LIBS)

sim: deps
	@$(MAKE) --no-print-directory $(BUILD)/sim
	@$(BUILD)/sim $(SIM_ARGS)

# libFuzzer on each input reader for FUZZ_SECONDS each (tests/fuzz/README.md).
FUZZ_SECONDS ?= 30
FUZZ_READERS ?= native hyperfine llm json criterion gbench gotest pytest pyperf testreport summary csv \
	tinybench vitest mitata benchmarkjs catch2 bmf libtest
fuzz:
	@BG_EXTRA_PKGS="clang libclang-rt-14-dev" sh ci/install-deps.sh
	@mkdir -p build/fuzz/corpus
	@cp tests/data/native/* tests/data/hyperfine/*.json tests/data/llm/* build/fuzz/corpus/
	@cp tests/data/gbench/*.json tests/data/gotest/*.txt build/fuzz/corpus/
	@for t in tinybench vitest mitata benchmarkjs catch2 bmf libtest; do \
		for f in tests/data/$$t/*.json tests/data/$$t/*.xml tests/data/$$t/*.txt; do \
			[ -f "$$f" ] && cp "$$f" build/fuzz/corpus/$$t-$$(basename "$$f"); done; done; true
	@for f in $$(find tests/data/criterion -name sample.json); do cp $$f build/fuzz/corpus/crit-$$(echo $$f | tr / -); done
	@for f in tests/data/pytest-benchmark/*.json tests/data/pyperf/*.json tests/data/summary/*.json \
		tests/data/testreport/*.jsonl tests/data/csv/*.csv tests/data/*/bad/*; do \
		cp "$$f" build/fuzz/corpus/$$(echo "$$f" | tr / _); done
	@for r in $(FUZZ_READERS); do \
		clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
			tests/fuzz/fuzz_$$r.c src/input/*.c src/core/error.c src/core/model.c src/core/infer.c -ljansson -lexpat -lm \
			-o build/fuzz/fuzz_$$r || exit 1; \
		echo "fuzz_$$r: $(FUZZ_SECONDS) s"; \
		build/fuzz/fuzz_$$r -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
			-dict=tests/fuzz/input.dict -artifact_prefix=build/fuzz/ build/fuzz/corpus \
			2>&1 | grep -E "^(stat::number_of_executed_units|==|SUMMARY)" || true; \
		ls build/fuzz/crash-* build/fuzz/leak-* build/fuzz/timeout-* 2>/dev/null && exit 1; \
	done; echo "fuzz: no crash, leak or timeout"

install: $(BUILD)/benchgate
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/benchgate $(DESTDIR)$(PREFIX)/bin/benchgate
	install -m 644 docs/benchgate.1 $(DESTDIR)$(PREFIX)/share/man/man1/benchgate.1

# A Debian package of the binary and the man page: $(BUILD)/benchgate_$(VERSION)_ARCH.deb
# (debian/build-deb.sh; needs dpkg-dev). sudo apt install ./build/benchgate_*.deb
deb: $(BUILD)/benchgate
	@sh debian/build-deb.sh $(BUILD) $(VERSION)

clean:
	rm -rf build build-san benchgate
