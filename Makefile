# loyalty-badge: `make demo` and `make test` install whatever is missing, then run.
# Every tool is checked first and installed only when absent or at another version.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

WASM_BINDGEN_VERSION := 0.2.130
TRUNK_VERSION := 0.21.14
BINARYEN_VERSION := 132
WASM_TARGET := wasm32-unknown-unknown

TOOLS_DIR := $(CURDIR)/.tools
NODE_TOOLS := $(TOOLS_DIR)/node
E2E_DIR := tests/e2e
# cargo-installed tools and the project-local wasm-opt (npm's binaryen) come first.
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(NODE_TOOLS)/node_modules/.bin:$(CARGO_BIN):$(PATH)

CHROMIUM ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver
# Must match the proxy backend in Trunk.toml.
SERVER_PORT := 8787
DEMO_PORT ?= 8080
SERVER_BIN := target/debug/loyalty-server

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help tools rust-target wasm-bindgen-cli trunk binaryen chromium e2e-deps nginx redis wrk \
        server embed build demo size bench loadtest lint test test-native test-nginx test-redis \
        test-browser test-e2e clean

help:
	@echo "make demo    install what is missing, start loyalty-server and trunk serve"
	@echo "make test    install what is missing, run every test (lint, native, browser, end to end)"
	@echo "make embed   the embeddable bundle: dist/embed/loyalty-badge.js and loyalty-badge_bg.wasm"
	@echo "make build   trunk build --release into dist/ (with the embed bundle)"
	@echo "make size    the release build's bytes: raw, gzip, brotli"
	@echo "make bench   load time and main-thread time of the demo and embed pages"
	@echo "make loadtest  wrk against the release proxy, alone and as two instances sharing Redis"
	@echo "make tools   only install the tools"

## Tools ###########################################################################################

tools: rust-target wasm-bindgen-cli trunk binaryen chromium e2e-deps nginx redis

rust-target:
	@rustup target list --installed | grep -qx '$(WASM_TARGET)' \
	  || rustup target add $(WASM_TARGET)

# trunk and the test runner use wasm-bindgen-cli only at exactly the crate's pinned version.
wasm-bindgen-cli:
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	  cargo install --force wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi

trunk:
	@if [ "$$(trunk --version 2>/dev/null)" != "trunk $(TRUNK_VERSION)" ]; then \
	  echo "installing trunk $(TRUNK_VERSION)"; \
	  cargo install --force --locked trunk --version $(TRUNK_VERSION); \
	fi

# Debian's binaryen is too old for rustc 1.95's wasm; npm's binaryen is recent.
binaryen:
	@if ! wasm-opt --version 2>/dev/null | grep -q 'version $(BINARYEN_VERSION) '; then \
	  echo "installing binaryen $(BINARYEN_VERSION) into $(NODE_TOOLS)"; \
	  mkdir -p $(NODE_TOOLS); \
	  npm install --prefix $(NODE_TOOLS) --no-audit --no-fund --loglevel=error binaryen@$(BINARYEN_VERSION); \
	fi

chromium:
	@if [ ! -x $(CHROMIUM) ] || [ ! -x $(CHROMEDRIVER) ]; then \
	  echo "installing chromium and chromium-driver"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

# Debian's nginx: README's reverse-proxy configuration is tested in a real one (make test-nginx).
NGINX ?= /usr/sbin/nginx
nginx:
	@if [ ! -x $(NGINX) ]; then \
	  echo "installing nginx"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx >/dev/null; \
	fi

# Debian's redis-server (and redis-cli): the shared-state tests run a real one, and so does
# make loadtest.
REDIS_SERVER ?= /usr/bin/redis-server
redis:
	@if [ ! -x $(REDIS_SERVER) ] || ! command -v redis-cli >/dev/null; then \
	  echo "installing redis-server"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq redis-server redis-tools >/dev/null; \
	fi

# Debian's wrk (and curl) for make loadtest.
wrk:
	@if ! command -v wrk >/dev/null || ! command -v curl >/dev/null; then \
	  echo "installing wrk and curl"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk curl >/dev/null; \
	fi

e2e-deps: $(E2E_DIR)/node_modules/.package-lock.json

$(E2E_DIR)/node_modules/.package-lock.json: $(E2E_DIR)/package.json $(E2E_DIR)/package-lock.json
	cd $(E2E_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## Build and run ###################################################################################

server:
	cargo build -p loyalty-server

# The embeddable bundle: loyalty-badge.js (wasm-bindgen's ES module with loader.js appended, which
# loads the wasm and defines <loyalty-badge>) and loyalty-badge_bg.wasm, under stable names.
# Built in target/embed/bundle (which index.html copies into every trunk build) and copied to
# dist/embed.
EMBED_DIR := target/embed
embed: rust-target wasm-bindgen-cli binaryen
	cargo build --lib --release --target $(WASM_TARGET) --features embed
	rm -rf $(EMBED_DIR) && mkdir -p $(EMBED_DIR)/bindgen $(EMBED_DIR)/bundle
	wasm-bindgen --target web --no-typescript --out-name loyalty-badge --out-dir $(EMBED_DIR)/bindgen \
	  target/$(WASM_TARGET)/release/loyalty_badge.wasm
	@if [ -e $(EMBED_DIR)/bindgen/snippets ]; then \
	  echo "wasm-bindgen wrote snippets/: the bundle must stay two files"; exit 1; fi
	wasm-opt -Oz $(EMBED_DIR)/bindgen/loyalty-badge_bg.wasm -o $(EMBED_DIR)/bundle/loyalty-badge_bg.wasm
	cat $(EMBED_DIR)/bindgen/loyalty-badge.js src/embed/loader.js > $(EMBED_DIR)/bundle/loyalty-badge.js
	mkdir -p dist/embed && cp $(EMBED_DIR)/bundle/* dist/embed/

build: rust-target wasm-bindgen-cli trunk binaryen embed
	trunk build --release

demo: rust-target wasm-bindgen-cli trunk binaryen embed server
	@$(SERVER_BIN) --port $(SERVER_PORT) & server=$$!; \
	  trap 'kill $$server 2>/dev/null' EXIT INT TERM; \
	  sleep 0.5; kill -0 $$server || { echo "loyalty-server did not start (is port $(SERVER_PORT) taken?)"; exit 1; }; \
	  echo; \
	  echo "  Demo: http://127.0.0.1:$(DEMO_PORT)/   (loyalty-server: http://127.0.0.1:$(SERVER_PORT)/)"; \
	  echo "  The page appears once trunk's first build is done. Ctrl-C stops both."; \
	  echo; \
	  trunk serve --port $(DEMO_PORT)

# Size benchmark: raw, gzip and brotli bytes of the release build and the embed bundle.
size: build
	node tests/bench/size.mjs dist dist/embed

# Load benchmark: time until the badges show, and their main-thread time, in headless Chromium.
bench: build server chromium e2e-deps
	node tests/bench/load.mjs

# Proxy load benchmark: wrk against the proxy on loopback, with a stub upstream that answers in
# 50 ms: one instance, then two sharing a real Redis. Built with the `server` profile (release,
# optimised for speed; the release profile optimises the wasm for size), as README tells a site
# to build it.
loadtest: wrk redis
	cargo build --profile server -p loyalty-server --bin loyalty-server --example stub_upstream
	SERVER=target/server/loyalty-server STUB=target/server/examples/stub_upstream \
	  REDIS_SERVER=$(REDIS_SERVER) tests/load/run.sh

## Tests ###########################################################################################

test: tools lint test-native test-nginx test-redis test-browser test-e2e

lint: rust-target
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --all-features -- -D warnings
	cargo clippy --target $(WASM_TARGET) -p loyalty-badge --all-targets --all-features -- -D warnings

test-native:
	cargo test --workspace

# Every redis-server a test starts is killed when the test ends, failed or not; the trap also
# stops any that a killed test run left behind (by their pid files) and removes their folders.
REDIS_TEST_DIR = $(CURDIR)/target/redis-test/$@
define stop-test-redis
trap 'for pid in $(REDIS_TEST_DIR)/*/redis.pid; do \
        [ -e "$$pid" ] && kill "$$(cat "$$pid")" 2>/dev/null; done; \
      rm -rf $(REDIS_TEST_DIR)' EXIT
endef

# README's nginx configurations in Debian's nginx, on loopback, without root; the two-instance
# deployment with a real redis-server.
test-nginx: nginx redis
	@mkdir -p $(REDIS_TEST_DIR)
	$(stop-test-redis); \
	  NGINX=$(NGINX) REDIS_SERVER=$(REDIS_SERVER) REDIS_TEST_DIR=$(REDIS_TEST_DIR) \
	  cargo test -p loyalty-server --test nginx -- --ignored

# Two proxy instances against a real redis-server on a free loopback port: the shared cache,
# budget, client limits and calls in flight; Redis killed, restarted and paused.
test-redis: redis
	@mkdir -p $(REDIS_TEST_DIR)
	$(stop-test-redis); \
	  REDIS_SERVER=$(REDIS_SERVER) REDIS_TEST_DIR=$(REDIS_TEST_DIR) \
	  cargo test -p loyalty-server --test redis -- --ignored

test-browser: rust-target wasm-bindgen-cli chromium
	CHROMEDRIVER=$(CHROMEDRIVER) cargo test --target $(WASM_TARGET) --test browser

test-e2e: build server chromium e2e-deps
	cd $(E2E_DIR) && CHROMIUM=$(CHROMIUM) LOYALTY_SERVER=$(CURDIR)/$(SERVER_BIN) npx playwright test

clean:
	cargo clean
	rm -rf dist $(E2E_DIR)/node_modules
