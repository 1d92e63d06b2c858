# specsim — plain Makefile.
#
#   make            build build/specsim
#   make demo       install missing Debian packages (as root), build, run the
#                   default scenario and print the comparison table
#   make test       install missing packages, build, run every test (also
#                   test_agg and test_engine built with the small test limits)
#   make asan       the tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench      the benchmark (bench/run)
#   make docs       regenerate the field reference of docs/scenario-format.md
#   make MPI=1      build build-mpi/specsim with mpicc, for `mpirun -np K`
#   make fuzz       the scenario fuzzer for FUZZ_SECONDS (default 60); fails
#                   on a crash (tests/fuzz, docs/reliability.md)
#   make fuzz-coverage  line and branch coverage of the loader by the corpus
#   make fuzz-merge add to tests/fuzz/corpus what make fuzz found
#   make install    PREFIX=/usr/local: binary and example scenarios

PREFIX   ?= /usr/local
# MPI=1: the same sources through mpicc with SPECSIM_MPI, in their own
# build directory (docs/cluster.md).
ifdef MPI
BUILD    ?= build-mpi
CC       := mpicc
MPI_CFLAGS := -DSPECSIM_MPI
else
BUILD    ?= build
CC       ?= cc
endif
# What building and running need, and what only the tests need (a second
# solver and HiGHS for cross-checks, a browser to check the HTML report).
DEB_PKGS  := build-essential pkg-config libglpk-dev libgsl-dev libyaml-dev \
             libjansson-dev nettle-dev gnuplot-nox
TEST_PKGS := libcmocka-dev glpk-utils coinor-cbc python3 python3-numpy python3-scipy python3-yaml \
             chromium libopenmpi-dev openmpi-bin
# What the fuzzer needs: clang with libFuzzer and the sanitizers, its
# OpenMP runtime, and llvm-profdata/llvm-cov for the coverage report.
FUZZ_PKGS := clang libclang-rt-14-dev libomp-14-dev llvm

# GLPK ships no .pc file on Debian; the others do.
PKG_CFLAGS := $(shell pkg-config --cflags gsl yaml-0.1 jansson nettle 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs gsl yaml-0.1 jansson nettle 2>/dev/null) -lglpk
TEST_LIBS  := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

WARN    := -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion \
           -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith -Wvla
ifdef CI
WARN    += -Werror
endif
OPT     ?= -O2 -g
# The layers, lowest first: a file may include headers of its own layer and
# of those before it, never after (make check-layers).
LAYERS  := sim/base models sim/input sim/engine output sim/cli
CFLAGS  += -std=c11 -D_POSIX_C_SOURCE=200809L -fopenmp $(OPT) $(WARN) \
           $(LAYERS:%=-I%) $(PKG_CFLAGS) $(MPI_CFLAGS) $(EXTRA_CFLAGS)
LDLIBS  += $(PKG_LIBS) -lm -fopenmp

GIT_COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
GIT_DIRTY  := $(shell test -n "$$(git status --porcelain 2>/dev/null)" && echo -dirty)
CFLAGS  += -DSPECSIM_COMMIT='"$(GIT_COMMIT)$(GIT_DIRTY)"'
# Objects that print the commit are rebuilt when it changes.
COMMIT_STAMP := $(BUILD)/commit.txt
$(shell mkdir -p $(BUILD); echo '$(GIT_COMMIT)$(GIT_DIRTY)' | cmp -s - $(COMMIT_STAMP) 2>/dev/null || echo '$(GIT_COMMIT)$(GIT_DIRTY)' > $(COMMIT_STAMP))

LIB_SRC  := $(foreach d,$(LAYERS),$(wildcard $(d)/*.c))
LIB_SRC  := $(filter-out sim/cli/%,$(LIB_SRC))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(patsubst %.c,$(BUILD)/%.o,$(wildcard sim/cli/*.c))
CLI_LIB_OBJ := $(filter-out $(BUILD)/sim/cli/main.o,$(CLI_OBJ))
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

.PHONY: all demo test test-run test-small test-mpi asan bench install deps test-deps clean check-layers docs \
        fuzz fuzz-deps fuzz-build fuzz-coverage fuzz-merge
all: $(BUILD)/specsim

# Install the Debian packages that are missing (only when root; otherwise
# name them and stop).
deps:
	@$(MAKE) -s install-missing PKGLIST="$(DEB_PKGS)"

test-deps: deps
	@$(MAKE) -s install-missing PKGLIST="$(TEST_PKGS)"

install-missing:
	@missing=""; for p in $(PKGLIST); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages:$$missing (run 'make deps' as root)"; exit 1; \
	  fi; \
	fi

$(BUILD)/%.o: %.c $(foreach d,$(LAYERS),$(wildcard $(d)/*.h))
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/sim/cli/main.o $(BUILD)/output/out_manifest.o $(BUILD)/output/out_table.o \
  $(BUILD)/output/out_journal.o: $(COMMIT_STAMP)

$(BUILD)/libspecsim.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/specsim: $(CLI_OBJ) $(BUILD)/libspecsim.a
	$(CC) $(CFLAGS) $^ -o $@ $(LDLIBS)

$(BUILD)/tests/%: tests/%.c tests/testutil.h tests/deploy_fixture.h $(BUILD)/libspecsim.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests $< $(BUILD)/libspecsim.a -o $@ $(LDLIBS) $(TEST_LIBS)

# Known answers generated by tests/agg_known.py (tests/cli/agg_known.sh
# checks the committed file is what the script writes).
$(BUILD)/tests/test_agg: tests/data/agg_known.h

# The test of the command line links its objects, all but main().
$(BUILD)/tests/test_cli: tests/test_cli.c tests/testutil.h $(CLI_LIB_OBJ) $(BUILD)/libspecsim.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests $< $(CLI_LIB_OBJ) $(BUILD)/libspecsim.a -o $@ $(LDLIBS) $(TEST_LIBS)

# The field reference in docs/scenario-format.md, generated from the schema
# (sim/input/scn_schema.c); test_schema fails when it is out of date.
$(BUILD)/scn_docs: docs/scn_docs.c $(BUILD)/libspecsim.a
	$(CC) $(CFLAGS) $< $(BUILD)/libspecsim.a -o $@ $(LDLIBS)

docs: $(BUILD)/scn_docs
	$(BUILD)/scn_docs docs/scenario-format.md > $(BUILD)/scenario-format.md
	mv $(BUILD)/scenario-format.md docs/scenario-format.md

# No include may point up the order of LAYERS.
check-layers:
	@bash tests/check_layers.sh $(LAYERS)

demo: deps
	$(MAKE) -j2 all
	$(BUILD)/specsim run scenarios/default.yaml -o results/default

test: test-deps
	$(MAKE) -j2 all
	$(MAKE) test-run

# The library and the tests of aggregation rebuilt with the small limits
# of specsim_limits.h (-DSPECSIM_TEST_LIMITS): quantiles switch to their
# streaming estimates after a few replications, so test-run exercises that
# branch too.
SMALL       := $(BUILD)-small
SMALL_TESTS := test_agg test_engine

test-small:
	@$(MAKE) --no-print-directory BUILD=$(SMALL) \
	  EXTRA_CFLAGS="$(EXTRA_CFLAGS) -DSPECSIM_TEST_LIMITS" \
	  $(SMALL_TESTS:%=$(SMALL)/tests/%)

# The MPI build next to this one (BUILD-mpi), for tests/cli/mpi.sh.
test-mpi:
	@$(MAKE) --no-print-directory -j2 MPI=1 BUILD=$(BUILD)-mpi all

test-run: all $(TEST_BIN) $(BUILD)/bench/glpk_trial test-small test-mpi check-layers
	@bash tests/run_all.sh $(BUILD) $(SMALL)

asan: test-deps
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDLIBS="$(LDLIBS) -fsanitize=address,undefined" test-run

# ---- fuzzing (docs/reliability.md) -----------------------------------------
# The library built by clang with libFuzzer's coverage hooks, AddressSanitizer
# and UndefinedBehaviorSanitizer (without -Werror: clang warns about other
# things than gcc, which CI holds to -Werror), linked with
# tests/fuzz/fuzz_scenario.c. `make fuzz` runs it for FUZZ_SECONDS over the
# corpus in tests/fuzz/corpus, new inputs going to build-fuzz/corpus; a
# crash, sanitizer report, leak or timeout stops it with a non-zero status
# and leaves the input in build-fuzz/crash-*. A case takes at most a few
# CPU seconds (the reference scenarios' auctions); the timeout, wall-clock,
# is generous so that a busy machine does not pass for a hang. Inputs are
# chosen less often the slower they run (-entropic_scale_per_exec_time), so
# the few large scenarios do not take most of the time.
FUZZ_BUILD   := build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer
FUZZ_OPTS    := -max_total_time=$(FUZZ_SECONDS) -timeout=300 -max_len=65536 \
                -dict=tests/fuzz/scenario.dict -print_final_stats=1 \
                -entropic_scale_per_exec_time=1 \
                -artifact_prefix=$(FUZZ_BUILD)/
FUZZ_COV     := $(FUZZ_BUILD)-cov

fuzz-deps: deps
	@$(MAKE) -s install-missing PKGLIST="$(FUZZ_PKGS)"

fuzz-build: fuzz-deps
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang CI= \
	  OPT="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN) -Wno-missing-field-initializers" \
	  $(FUZZ_BUILD)/fuzz_scenario

$(FUZZ_BUILD)/fuzz_scenario $(FUZZ_COV)/fuzz_scenario: tests/fuzz/fuzz_scenario.c $(BUILD)/libspecsim.a
	$(CC) $(CFLAGS) -fsanitize=fuzzer $< $(BUILD)/libspecsim.a -o $@ $(LDLIBS)

fuzz: fuzz-build
	@mkdir -p $(FUZZ_BUILD)/corpus
	nice $(FUZZ_BUILD)/fuzz_scenario $(FUZZ_OPTS) $(FUZZ_BUILD)/corpus tests/fuzz/corpus

# What `make fuzz` found that adds coverage, added to tests/fuzz/corpus
# (libFuzzer's -merge; the inputs already there stay). Only inputs of at
# most 8 KB: mutants of the reference scenarios are 20-30 KB each and
# the corpus stays small enough to keep in the repository.
fuzz-merge: fuzz-build
	@rm -rf $(FUZZ_BUILD)/small && mkdir -p $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/small
	find $(FUZZ_BUILD)/corpus -type f -size -8193c -exec cp {} $(FUZZ_BUILD)/small/ \;
	nice $(FUZZ_BUILD)/fuzz_scenario -merge=1 -timeout=300 -max_len=65536 \
	  tests/fuzz/corpus $(FUZZ_BUILD)/small
	rm -rf $(FUZZ_BUILD)/small

# Coverage of the loader (sim/input) by the committed corpus (or by the
# directories in FUZZ_COV_CORPUS): each input run once by a build with
# clang's source-based coverage; llvm-cov's report per file.
FUZZ_COV_CORPUS ?= tests/fuzz/corpus
fuzz-coverage: fuzz-deps
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_COV) CC=clang CI= \
	  OPT="-O1 -g -fprofile-instr-generate -fcoverage-mapping" \
	  $(FUZZ_COV)/fuzz_scenario
	rm -f $(FUZZ_COV)/cov.profraw
	LLVM_PROFILE_FILE=$(FUZZ_COV)/cov.profraw $(FUZZ_COV)/fuzz_scenario \
	  -runs=0 $(FUZZ_COV_CORPUS) > $(FUZZ_COV)/run.log 2>&1
	llvm-profdata merge -sparse $(FUZZ_COV)/cov.profraw -o $(FUZZ_COV)/cov.profdata
	llvm-cov report $(FUZZ_COV)/fuzz_scenario -instr-profile=$(FUZZ_COV)/cov.profdata \
	  $(wildcard sim/input/*.c)

bench: test-deps all test-mpi $(BUILD)/tests/test_golden $(BUILD)/bench/glpk_trial
	SPECSIM_GOLDEN_ALL=1 $(BUILD)/tests/test_golden
	bash bench/run $(BUILD)/specsim $(BUILD)-mpi/specsim

# A program exported by specsim lp solved with specsim's options, with or
# without a known plan as GLPK's first incumbent (docs/performance.md).
$(BUILD)/bench/glpk_trial: bench/glpk_trial.c $(BUILD)/libspecsim.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $< $(BUILD)/libspecsim.a -o $@ $(LDLIBS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/specsim/scenarios
	install -m 755 $(BUILD)/specsim $(DESTDIR)$(PREFIX)/bin/specsim
	install -m 644 scenarios/*.yaml $(DESTDIR)$(PREFIX)/share/specsim/scenarios/

clean:
	rm -rf build build-asan build-small build-asan-small build-mpi build-asan-mpi $(FUZZ_BUILD) $(FUZZ_COV)
