# qingdan - build, run, test. See README.md.
# Sources are found by wildcard: adding a file needs no Makefile change.

PKGS     := libmicrohttpd sqlite3 jansson libsodium xlsxwriter libzip expat
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wmissing-prototypes \
            -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-format-nonliteral
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
SAN      := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC      := $(wildcard src/*.c src/*/*.c src/*/*/*.c)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
HDR      := $(wildcard src/*.h src/*/*.h src/*/*/*.h src/*/*.def src/*/*/*.def)

BUILD    := build
REL      := $(BUILD)/rel
ASAN     := $(BUILD)/asan
REL_OBJ  := $(patsubst src/%.c,$(REL)/obj/%.o,$(SRC))
ASAN_OBJ := $(patsubst src/%.c,$(ASAN)/obj/%.o,$(LIB_SRC))
UNIT_TESTS := $(patsubst tests/unit/%.c,$(ASAN)/tests/%,$(wildcard tests/unit/test_*.c)) \
              $(ASAN)/tests/test_source
# Each fuzz target replayed on its committed corpus and regression inputs.
UNIT_TESTS += $(patsubst tests/fuzz/fuzz_%.c,$(ASAN)/tests/test_fuzz_%,$(wildcard tests/fuzz/fuzz_*.c))

DB       ?= demo.db
ADDR     ?= 127.0.0.1
PORT     ?= 8080

.PHONY: all deps run test fuzz bench crashtest soak clean

all: qingdan

deps:
	@scripts/deps.sh

# Every object depends on every header: simple and always right.
$(REL)/obj/%.o: src/%.c $(HDR) Makefile
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(ASAN)/obj/%.o: src/%.c $(HDR) Makefile
	@mkdir -p $(dir $@)
	@echo "CC [asan] $<"
	@$(CC) $(WARN) -O1 -g $(SAN) $(PKG_CFLAGS) -c -o $@ $<

qingdan: $(REL_OBJ)
	@echo "LINK $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

$(ASAN)/qingdan: $(ASAN_OBJ) $(ASAN)/obj/main.o
	@echo "LINK $@"
	@$(CC) $(SAN) -o $@ $^ $(PKG_LIBS)

$(ASAN)/tests/%: tests/unit/%.c tests/unit/tap.h tests/unit/fixture.h $(ASAN_OBJ)
	@mkdir -p $(dir $@)
	@echo "CC [asan] $<"
	@$(CC) $(WARN) -O1 -g $(SAN) $(PKG_CFLAGS) -Isrc -o $@ $< $(ASAN_OBJ) $(PKG_LIBS)

# A fuzz target with tests/fuzz/replay.c as its main (make fuzz builds the
# same file with libFuzzer); one that includes harness_http.h compiles
# src/http/server.c itself.
$(ASAN)/tests/test_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(wildcard tests/fuzz/*.h) $(ASAN_OBJ)
	@mkdir -p $(dir $@)
	@echo "CC [asan] $<"
	@$(CC) $(WARN) -O1 -g $(SAN) $(PKG_CFLAGS) -Isrc -DFUZZ_TARGET='"fuzz_$*"' \
		-DFUZZ_CORPUS='"$(CURDIR)/tests/fuzz/corpus/fuzz_$*"' \
		-DFUZZ_REGRESS='"$(CURDIR)/tests/fuzz/regress/fuzz_$*"' -o $@ tests/fuzz/replay.c $< \
		$(if $(shell grep -l harness_http.h $<),$(filter-out $(ASAN)/obj/http/server.o,$(ASAN_OBJ)),$(ASAN_OBJ)) \
		$(PKG_LIBS)

# Source rules the compiler cannot check, run with the unit tests.
$(ASAN)/tests/test_source: scripts/check-src.sh
	@mkdir -p $(dir $@)
	@printf '#!/bin/sh\nexec "%s/scripts/check-src.sh"\n' "$(CURDIR)" > $@
	@chmod +x $@

run: deps
	@$(MAKE) --no-print-directory qingdan
	@test -f $(DB) || ./qingdan demo --db $(DB)
	@echo "demo logins: admin, county.leader, sanjiao.leader, sanjiao.handler, supervisor, viewer ... password qingdan-demo (README.md)"
	./qingdan serve --db $(DB) --address $(ADDR) --port $(PORT)

test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory -j2 $(ASAN)/qingdan $(UNIT_TESTS)
	@tests/run.sh $(ASAN)

fuzz: deps
	@scripts/fuzz.sh

bench: deps
	@$(MAKE) --no-print-directory qingdan
	@scripts/bench.sh

# Kill the server with SIGKILL under write load, many times (CRASH_KILLS,
# default 50); make test runs a short form (tests/http/test_crashtest.sh).
crashtest: deps
	@$(MAKE) --no-print-directory qingdan
	@scripts/crashtest.sh

# A mixed read/write load at about 70% of capacity (SOAK_SECONDS, default
# 600), then a shorter run of the AddressSanitizer build for leaks.
soak: deps
	@$(MAKE) --no-print-directory qingdan $(ASAN)/qingdan
	@scripts/soak.sh

clean:
	rm -rf $(BUILD) qingdan
