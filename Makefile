# qingdan - build, run, test. See README.md.
# Sources are found by wildcard: adding a file needs no Makefile change.

PKGS     := libmicrohttpd sqlite3 jansson libsodium
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wmissing-prototypes \
            -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-format-nonliteral
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread

SRC      := $(wildcard src/*.c src/*/*.c src/*/*/*.c)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
HDR      := $(wildcard src/*.h src/*/*.h src/*/*/*.h src/*/*.def)

BUILD    := build
ASAN     := $(BUILD)/asan
SAN      := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

UNIT_TESTS := $(patsubst tests/unit/%.c,$(ASAN)/tests/%,$(wildcard tests/unit/test_*.c))

DB       ?= demo.db
ADDR     ?= 127.0.0.1
PORT     ?= 8080

.PHONY: all deps run test test-unit test-http fuzz bench clean check-src

all: qingdan

deps:
	@scripts/deps.sh

qingdan: $(SRC) $(HDR) Makefile
	$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -o $@ $(SRC) $(PKG_LIBS)

# Sanitizer build of the binary and of each unit test.
$(ASAN)/qingdan: $(SRC) $(HDR) Makefile
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -g $(SAN) $(PKG_CFLAGS) -o $@ $(SRC) $(PKG_LIBS)

$(ASAN)/tests/%: tests/unit/%.c tests/unit/tap.h $(LIB_SRC) $(HDR) Makefile
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -g $(SAN) $(PKG_CFLAGS) -Isrc -o $@ $< $(LIB_SRC) $(PKG_LIBS)

run: deps qingdan
	@test -f $(DB) || ./qingdan demo --db $(DB)
	./qingdan serve --db $(DB) --address $(ADDR) --port $(PORT)

test: deps
	@$(MAKE) --no-print-directory $(ASAN)/qingdan $(UNIT_TESTS)
	@tests/run.sh $(ASAN)

fuzz: deps
	@scripts/fuzz.sh

bench: deps qingdan
	@scripts/bench.sh

clean:
	rm -rf $(BUILD) qingdan
