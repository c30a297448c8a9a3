# cslog - build, test and install.  GNU make.
#
#   make run      build, then start cslog
#   make test     build, then run every test suite (last line: N passed, N failed);
#                 the command-line and terminal suites a second time against a
#                 throwaway PostgreSQL cluster (pg:cli/..., tests/run.sh)
#   make check    the same tests built with AddressSanitizer and UBSan
#   make valgrind the unit and command-line tests under valgrind (each shape of
#                 command line at most 3 times; make valgrind-all: every call)
#   make test-browser  the staff-meeting report printed by a real headless
#                 browser and read back (installs Chromium; .ci/run runs it)
#   make bench    time cslog on 10k, 100k and 1M contacts (not part of test)
#   make policy-docs  docs/policies/ID.txt: each policy as `policy show` prints it
#   make install  PREFIX=/usr/local DESTDIR=
#   make install-group  the same, set-group-id GROUP (cslog) owning GROUP_DIR
#                 (/var/lib/cslog): see docs/security.md, "The group deployment"
#
# Missing build dependencies are installed by tools/deps.sh (apt-get).

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
SHAREDIR ?= $(PREFIX)/share
MANDIR   ?= $(SHAREDIR)/man
BUILD    ?= build
VERSION  := 0.1.0

PKGS     := ncursesw sqlite3 yaml-0.1 libsodium jansson libpq
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     := -Wall -Wextra -Wpedantic -Wformat=2 -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wwrite-strings -Wvla -Wpointer-arith \
            -Wcast-qual -Wnull-dereference -Werror
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libpq: its headers only; it is loaded when a server is first used
# (src/store/pq_lazy.c), so it is not linked.
PKG_LIBS   = $(shell pkg-config --libs $(filter-out libpq,$(PKGS)) 2>/dev/null) -lm
ALL_CFLAGS = -std=c17 $(WARN) $(PKG_CFLAGS) $(CFLAGS)
ALL_CPPFLAGS = -Iinclude -MMD -MP -DCSLOG_VERSION='"$(VERSION)"' \
            -DCSLOG_SHAREDIR='"$(SHAREDIR)/cslog"' $(CPPFLAGS)
Q := $(if $(V),,@)

# Layers, lowest first.  Each is a static library; a test links only the
# layers below what it tests, so a stray call across layers fails to link.
LAYERS := core policy store app cli tui
lib_srcs = $(wildcard src/$(1)/*.c)
lib_objs = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(call lib_srcs,$(1)))
LIB = $(BUILD)/lib$(1).a

LIBS_ALL := $(foreach l,cli tui app store policy core,$(call LIB,$(l)))
BIN := $(BUILD)/cslog
# The test build: the same program, but its clock can be set with
# CSLOG_NOW (src/app/clock.c).  Never installed; make test runs it.
TEST_BIN := $(BUILD)/test/cslog
TEST_CLOCK := $(BUILD)/obj/app/clock-test.o
# The group deployment (make install-group): the data directory the
# group owns, compiled into src/app/deploy.c.
GROUP     ?= cslog
GROUP_DIR ?= /var/lib/cslog
GROUP_BIN := $(BUILD)/group/cslog
# Its test build (tests/cli/group.sh): the test build with a data and a
# share directory of its own, under /tmp (any account can reach it), one
# per build directory.
GROUP_TEST := $(BUILD)/group-test/cslog
GROUP_TEST_ROOT := /tmp/cslog-group-$(shell printf '%s' '$(abspath $(BUILD))' | cksum | cut -d' ' -f1)

.PHONY: all man run test check valgrind valgrind-all fuzz fuzz-build screens policy-docs bench install install-group uninstall clean deps deps-test test-browser report-docs
all: $(BIN)

deps:
	$(Q)sh tools/deps.sh build
deps-test:
	$(Q)sh tools/deps.sh build test

# Build in a sub-make so pkg-config is asked after deps.sh has run.
$(BIN): FORCE
	$(Q)sh tools/deps.sh build
	$(Q)$(MAKE) --no-print-directory bin
FORCE:

bin: $(BUILD)/cslog.real
	$(Q)cp $< $(BIN).tmp && mv -f $(BIN).tmp $(BIN)
$(BUILD)/cslog.real: $(BUILD)/obj/main.o $(LIBS_ALL)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)

$(TEST_BIN): $(BUILD)/obj/main.o $(TEST_CLOCK) $(LIBS_ALL)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)

$(TEST_CLOCK): src/app/clock.c
	@mkdir -p $(dir $@)
	@echo "  CC      $< (test clock)"
	$(Q)$(CC) $(ALL_CPPFLAGS) -DCSLOG_TEST_CLOCK $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/app/deploy-group.o: src/app/deploy.c FORCE
	@mkdir -p $(dir $@)
	@echo "  CC      $< (group deployment: $(GROUP_DIR))"
	$(Q)$(CC) $(ALL_CPPFLAGS) -DCSLOG_GROUP_DIR='"$(GROUP_DIR)"' $(ALL_CFLAGS) -c -o $@ $<

$(GROUP_BIN): $(BUILD)/obj/main.o $(BUILD)/obj/app/deploy-group.o $(LIBS_ALL)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)

$(BUILD)/obj/app/deploy-group-test.o: src/app/deploy.c
	@mkdir -p $(dir $@)
	@echo "  CC      $< (group deployment test: $(GROUP_TEST_ROOT))"
	$(Q)$(CC) $(ALL_CPPFLAGS) -UCSLOG_SHAREDIR -DCSLOG_SHAREDIR='"$(GROUP_TEST_ROOT)/share"' \
	    -DCSLOG_GROUP_DIR='"$(GROUP_TEST_ROOT)/data"' $(ALL_CFLAGS) -c -o $@ $<

$(GROUP_TEST): $(BUILD)/obj/main.o $(BUILD)/obj/app/deploy-group-test.o $(TEST_CLOCK) $(LIBS_ALL)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)
	$(Q)echo "$(GROUP_TEST_ROOT)" >$(dir $@)root

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

define layer_rule
$(call LIB,$(1)): $(call lib_objs,$(1))
	@mkdir -p $$(dir $$@)
	$(Q)rm -f $$@ && $(AR) rcs $$@ $$^
endef
$(foreach l,$(LAYERS),$(eval $(call layer_rule,$(l))))

# ---- unit tests: tests/unit/<layer>_<name>.c links that layer and below
TEST_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
TEST_LIBS   = $(shell pkg-config --libs cmocka 2>/dev/null)
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))
deps_core   := core
deps_policy := policy core
deps_store  := store core
deps_app    := app store policy core
deps_cli    := cli app store policy core
deps_tui    := tui app store policy core
layer_of = $(firstword $(subst _, ,$(notdir $(1))))
libs_for = $(foreach l,$(deps_$(call layer_of,$(1))),$(call LIB,$(l)))
libflags_core   := -lm
libflags_policy := -lyaml -lm
libflags_store  := -lsqlite3 -lsodium -lm
libflags_app    := -lyaml -lsqlite3 -lsodium -ljansson -lm

.SECONDEXPANSION:
$(BUILD)/tests/%: tests/unit/%.c $$(call libs_for,%)
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) -Isrc/$(call layer_of,$*) $(ALL_CFLAGS) $(TEST_CFLAGS) $(LDFLAGS) \
	    -o $@ $^ $(libflags_$(call layer_of,$*)) \
	    $(if $(filter cli tui,$(call layer_of,$*)),$(PKG_LIBS)) $(TEST_LIBS)

FUZZ_SRCS := $(wildcard tests/fuzz/*_fuzz.c)

# $(BIN) builds the layers' archives in a make of its own (after deps.sh):
# the rest only once it is done, so that two makes never write one archive
# at once under -j (a link then failed now and then).
tests-build: $(BIN)
	$(Q)$(MAKE) --no-print-directory $(TEST_BIN) $(GROUP_TEST) $(UNIT_BINS)

test: FORCE
	$(Q)sh tools/deps.sh build test
	$(Q)$(MAKE) --no-print-directory tests-build
	$(Q)CSLOG_TEST_PG=1 CSLOG_BIN=$(abspath $(TEST_BIN)) CSLOG_SHIPPED_BIN=$(abspath $(BIN)) \
	    CSLOG_TEST_BIN_DIR=$(abspath $(BUILD)/tests) sh tests/run.sh

SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
check: FORCE
	$(Q)sh tools/deps.sh build test check
	$(Q)$(MAKE) --no-print-directory BUILD=build/asan CFLAGS="-O1 -g $(SAN)" LDFLAGS="$(SAN)" tests-build
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    CSLOG_BIN=$(abspath build/asan/test/cslog) CSLOG_SHIPPED_BIN=$(abspath build/asan/cslog) \
	    CSLOG_TEST_BIN_DIR=$(abspath build/asan/tests) sh tests/run.sh

# Each shape of command line runs under valgrind at most three times in a
# run (tests/lib.sh: vg_fresh); valgrind-all runs every call under it.
valgrind-all: FORCE
	$(Q)$(MAKE) --no-print-directory valgrind CSLOG_VALGRIND_SAME=0
valgrind: FORCE
	$(Q)sh tools/deps.sh build test valgrind
	$(Q)$(MAKE) --no-print-directory BUILD=build/vg CFLAGS="-O0 -g" tests-build
	$(Q)CSLOG_VALGRIND=1 CSLOG_VALGRIND_SAME=$(CSLOG_VALGRIND_SAME) CSLOG_BIN=$(abspath build/vg/test/cslog) \
	    CSLOG_SHIPPED_BIN=$(abspath build/vg/cslog) CSLOG_TEST_BIN_DIR=$(abspath build/vg/tests) \
	    sh tests/run.sh --no-e2e

# ---- fuzzing: every tests/fuzz/*_fuzz.c, built with clang + libFuzzer,
# run for FUZZ_TIME seconds each (FUZZ_TARGETS="import cli" picks some)
# from its seed corpus tests/fuzz/<name>_seeds and the inputs that once
# crashed it, tests/fuzz/regress/<name>/ (replayed by make test too:
# tests/cli/fuzz.sh).  New inputs go to tests/fuzz/corpus-<name>/, a
# crashing one to build/fuzz/artifacts/; the run then fails.
FUZZ_TIME ?= 60
FUZZ_SAN  := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_NAMES = $(patsubst tests/fuzz/%_fuzz.c,%,$(FUZZ_SRCS))
FUZZ_TARGETS ?= $(FUZZ_NAMES)
fuzz: FORCE
	$(Q)sh tools/deps.sh build fuzz
	$(Q)$(MAKE) --no-print-directory CC=clang BUILD=build/fuzz \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" fuzz-build
	$(Q)mkdir -p build/fuzz/artifacts && for n in $(FUZZ_TARGETS); do \
	    mkdir -p tests/fuzz/corpus-$$n; \
	    echo "== fuzzing $$n for $(FUZZ_TIME) s"; \
	    regress=; [ -d tests/fuzz/regress/$$n ] && regress=tests/fuzz/regress/$$n; \
	    CSLOG_SOURCE_DIR=$(CURDIR) build/fuzz/$$n-fuzz -max_total_time=$(FUZZ_TIME) \
	        -print_final_stats=1 -timeout=30 -artifact_prefix=$(CURDIR)/build/fuzz/artifacts/$$n- \
	        tests/fuzz/corpus-$$n tests/fuzz/$${n}_seeds $$regress || { \
	        echo "cslog: $$n crashed: keep the input in tests/fuzz/regress/$$n/ (see build/fuzz/artifacts/)"; \
	        exit 1; }; \
	done
fuzz-build: $(patsubst %,$(BUILD)/%-fuzz,$(FUZZ_NAMES))
$(BUILD)/%-fuzz: tests/fuzz/%_fuzz.c $(TEST_CLOCK) $(foreach l,cli tui app store policy core,$(call LIB,$(l)))
	@echo "  FUZZ    $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(FUZZ_SAN) -o $@ $^ $(PKG_LIBS)

# The staff-meeting report in a real browser: not part of make test (it
# installs Chromium, fonts and poppler-utils); .ci/run runs it.  See
# tools/browser-test.sh.  report-docs puts the demo's page and its printed
# Letter pages in docs/meeting/.
test-browser: FORCE
	$(Q)sh tools/deps.sh build browser
	$(Q)$(MAKE) --no-print-directory bin $(TEST_BIN)
	$(Q)CSLOG_BIN=$(abspath $(TEST_BIN)) sh tools/browser-test.sh $(BUILD)/browser

report-docs: FORCE
	$(Q)sh tools/deps.sh build browser
	$(Q)$(MAKE) --no-print-directory bin $(TEST_BIN)
	$(Q)CSLOG_BIN=$(abspath $(TEST_BIN)) sh tools/browser-test.sh $(BUILD)/browser --docs

# docs/screens.md from the screens the end-to-end tests capture.
screens: FORCE
	$(Q)$(MAKE) --no-print-directory tests-build
	$(Q)rm -rf build/screens && CSLOG_SNAPSHOTS=$(abspath build/screens) \
	    CSLOG_BIN=$(abspath $(TEST_BIN)) CSLOG_SHIPPED_BIN=$(abspath $(BIN)) \
	    CSLOG_TEST_BIN_DIR=$(abspath $(BUILD)/tests) SUITE=e2e sh tests/run.sh
	$(Q)sh tools/screens.sh build/screens

# docs/policies/ID.txt: `cslog policy show ID` of each shipped policy,
# compared with its document (CSLOG_SOURCES, default ../shared/seeds).
policy-docs: FORCE
	$(Q)$(MAKE) --no-print-directory bin
	$(Q)sh tools/policy-docs.sh $(BIN)

# ---- benchmark (not part of make test; see docs/performance.md): sample
# databases of 10k, 100k and 1M contacts are made once under BENCH_DIR by
# the helper tools/bench/cslog_bench.c, then timed by tools/bench/run.sh.
BENCH_DIR  ?= build/bench
BENCH_TOOL := $(BUILD)/cslog-bench
BENCH_SRCS := $(wildcard tools/bench/*.c)
$(BENCH_TOOL): $(BENCH_SRCS) $(foreach l,app store policy core,$(call LIB,$(l)))
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) -Isrc/app $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lutil

bench: FORCE
	$(Q)sh tools/deps.sh build bench
	$(Q)$(MAKE) --no-print-directory bin $(BENCH_TOOL)
	$(Q)CSLOG_BIN=$(abspath $(BIN)) CSLOG_BENCH=$(abspath $(BENCH_TOOL)) \
	    BENCH_DIR=$(abspath $(BENCH_DIR)) sh tools/bench/run.sh

# The manual's PERMISSIONS section, from the program's own table.
man: $(BIN)
	$(Q)sh tools/man.sh $(BIN) man/cslog.1

# The screens need a UTF-8 locale; a fresh machine often has none set
# (POSIX).  make run then uses C.UTF-8 and says so; cslog itself refuses
# a locale that is not UTF-8 and names the fix.
run: $(BIN)
	$(Q)if [ "$$(locale charmap 2>/dev/null)" = UTF-8 ]; then ./$(BIN) $(ARGS); else \
	    echo "make run: this locale is not UTF-8 ($$(locale charmap 2>/dev/null)); running with LC_ALL=C.UTF-8" >&2; \
	    LC_ALL=C.UTF-8 ./$(BIN) $(ARGS); fi

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(SHAREDIR)/cslog/policies
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/cslog
	install -m 0644 man/cslog.1 $(DESTDIR)$(MANDIR)/man1/cslog.1
	install -m 0644 policies/*.yaml $(DESTDIR)$(SHAREDIR)/cslog/policies/

# The group deployment (docs/security.md): the binary set-group-id GROUP,
# the data directory GROUP_DIR owned by root and GROUP, 2770.  Its
# database, -wal, -shm and anchor file are made by the first cslog run as
# root (adding the first supervisor): root's, group GROUP, 0660.
install-group: FORCE
	$(Q)sh tools/deps.sh build
	$(Q)$(MAKE) --no-print-directory $(GROUP_BIN)
	getent group $(GROUP) >/dev/null || groupadd --system $(GROUP)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(SHAREDIR)/cslog/policies
	install -m 2755 -g $(GROUP) $(GROUP_BIN) $(DESTDIR)$(BINDIR)/cslog
	install -m 0644 man/cslog.1 $(DESTDIR)$(MANDIR)/man1/cslog.1
	install -m 0644 policies/*.yaml $(DESTDIR)$(SHAREDIR)/cslog/policies/
	install -d -o root -g $(GROUP) -m 2770 $(DESTDIR)$(GROUP_DIR)
	@echo "cslog: now, as root, add the first supervisor (this makes the database):"
	@echo "  $(BINDIR)/cslog member add --badge S1 --name 'Sam Super' --role supervisor --pin-stdin"

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cslog $(DESTDIR)$(MANDIR)/man1/cslog.1
	rm -rf $(DESTDIR)$(SHAREDIR)/cslog

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
