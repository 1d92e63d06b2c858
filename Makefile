# specsim — plain Makefile.
#
#   make            build build/specsim
#   make demo       install missing Debian packages (as root), build, run the
#                   default scenario and print the comparison table
#   make test       install missing packages, build, run every test
#   make asan       the tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench      the benchmark (bench/run)
#   make docs       regenerate the field reference of docs/scenario-format.md
#   make install    PREFIX=/usr/local: binary and example scenarios

PREFIX   ?= /usr/local
BUILD    ?= build
CC       ?= cc
# What building and running need, and what only the tests need (a second
# solver and HiGHS for cross-checks, a browser to check the HTML report).
DEB_PKGS  := build-essential pkg-config libglpk-dev libgsl-dev libyaml-dev \
             libjansson-dev nettle-dev gnuplot-nox
TEST_PKGS := libcmocka-dev glpk-utils coinor-cbc python3 python3-scipy python3-yaml \
             chromium

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
           $(LAYERS:%=-I%) $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDLIBS  += $(PKG_LIBS) -lm -fopenmp

GIT_COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
GIT_DIRTY  := $(shell test -n "$$(git status --porcelain 2>/dev/null)" && echo -dirty)
CFLAGS  += -DSPECSIM_COMMIT='"$(GIT_COMMIT)$(GIT_DIRTY)"'
# Objects that print the commit are rebuilt when it changes.
COMMIT_STAMP := $(BUILD)/commit.txt
$(shell mkdir -p $(BUILD); echo '$(GIT_COMMIT)$(GIT_DIRTY)' | cmp -s - $(COMMIT_STAMP) 2>/dev/null || echo '$(GIT_COMMIT)$(GIT_DIRTY)' > $(COMMIT_STAMP))

LIB_SRC  := $(foreach d,$(LAYERS),$(wildcard $(d)/*.c))
LIB_SRC  := $(filter-out sim/cli/main.c,$(LIB_SRC))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

.PHONY: all demo test test-run asan bench install deps test-deps clean check-layers docs
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

$(BUILD)/sim/cli/main.o $(BUILD)/output/out_manifest.o $(BUILD)/output/out_table.o: $(COMMIT_STAMP)

$(BUILD)/libspecsim.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/specsim: $(BUILD)/sim/cli/main.o $(BUILD)/libspecsim.a
	$(CC) $(CFLAGS) $^ -o $@ $(LDLIBS)

$(BUILD)/tests/%: tests/%.c tests/testutil.h $(BUILD)/libspecsim.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests $< $(BUILD)/libspecsim.a -o $@ $(LDLIBS) $(TEST_LIBS)

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

test-run: all $(TEST_BIN)
	@bash tests/run_all.sh $(BUILD)

asan: test-deps
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDLIBS="$(LDLIBS) -fsanitize=address,undefined" test-run

bench: test-deps all
	bash bench/run $(BUILD)/specsim

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/specsim/scenarios
	install -m 755 $(BUILD)/specsim $(DESTDIR)$(PREFIX)/bin/specsim
	install -m 644 scenarios/*.yaml $(DESTDIR)$(PREFIX)/share/specsim/scenarios/

clean:
	rm -rf build build-asan
