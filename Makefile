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
FIREFOX ?= /usr/bin/firefox-esr
GECKODRIVER_VERSION := 0.37.1
GECKODRIVER ?= $(CARGO_BIN)/geckodriver
WEBKIT_DRIVER ?= /usr/bin/WebKitWebDriver
MINIBROWSER ?= /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser
ENGINES_DIR := tests/engines
# The engines `make test-engines` checks the embed bundle in; ENGINE=webkit runs one alone.
ENGINES := chromium firefox webkit
ENGINE ?= $(ENGINES)
# Must match the proxy backend in Trunk.toml.
SERVER_PORT := 8787
DEMO_PORT ?= 8080
SERVER_BIN := target/debug/loyalty-server

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help tools rust-target wasm-bindgen-cli trunk binaryen chromium e2e-deps nginx wrk \
        firefox geckodriver webkit engines-deps \
        server embed build demo size bench lighthouse loadtest lint test test-native test-nginx test-browser \
        test-e2e test-size twiggy bench-deps lighthouse-deps clean test-browser-chromium test-browser-firefox test-engines $(ENGINES:%=test-engines-%)

help:
	@echo "make demo    install what is missing, start loyalty-server and trunk serve"
	@echo "make test    install what is missing, run every test (lint, native, browser, end to end, engines)"
	@echo "make test-engines [ENGINE=webkit]   the embed checks in Chromium, Firefox ESR and WebKitGTK"
	@echo "make embed   the embeddable bundle: dist/embed/loyalty-badge.js and loyalty-badge_bg.wasm"
	@echo "make build   trunk build --release into dist/ (with the embed bundle)"
	@echo "make size    the release build's bytes (raw, gzip, brotli) and twiggy's top 20 of the bundle's wasm"
	@echo "make bench [RUNS=15]  the bundle against a plain-JavaScript badge: bytes, load times, long tasks, CLS"
	@echo "make lighthouse  Lighthouse performance and CLS of the embed example page, mobile and desktop"
	@echo "make test-size  the bundle's brotli bytes against EMBED_BUDGET_KIB (part of make test)"
	@echo "make loadtest  wrk against the release proxy (req/s, p50, p99, upstream calls, peak RSS)"
	@echo "make tools   only install the tools"

## Tools ###########################################################################################

tools: rust-target wasm-bindgen-cli trunk binaryen chromium e2e-deps firefox geckodriver webkit engines-deps \
       nginx

# Installs the Debian packages named that are not installed yet (apt-get update only then).
define apt_install
missing=""; \
for package in $(1); do \
  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$package"; \
done; \
if [ -n "$$missing" ]; then \
  echo "installing$$missing"; \
  $(SUDO) apt-get update -qq; \
  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
fi
endef

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

# Debian's wrk (and curl) for make loadtest.
wrk:
	@if ! command -v wrk >/dev/null || ! command -v curl >/dev/null; then \
	  echo "installing wrk and curl"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk curl >/dev/null; \
	fi

firefox:
	@$(call apt_install,firefox-esr)

# wasm-bindgen-test-runner and the engine checks drive Firefox through geckodriver.
geckodriver: firefox
	@if [ "$$($(GECKODRIVER) --version 2>/dev/null | sed -n '1s/^geckodriver \([^ ]*\).*/\1/p')" != "$(GECKODRIVER_VERSION)" ]; then \
	  echo "installing geckodriver $(GECKODRIVER_VERSION)"; \
	  cargo install --force --locked geckodriver --version $(GECKODRIVER_VERSION); \
	fi

# WebKitGTK's WebDriver (with MiniBrowser) has no headless mode: it runs under xvfb-run.
webkit:
	@$(call apt_install,webkit2gtk-driver xvfb fonts-noto-color-emoji)

engines-deps: $(ENGINES_DIR)/node_modules/.package-lock.json

$(ENGINES_DIR)/node_modules/.package-lock.json: $(ENGINES_DIR)/package.json $(ENGINES_DIR)/package-lock.json
	cd $(ENGINES_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

e2e-deps: $(E2E_DIR)/node_modules/.package-lock.json

$(E2E_DIR)/node_modules/.package-lock.json: $(E2E_DIR)/package.json $(E2E_DIR)/package-lock.json
	cd $(E2E_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# make bench's npm packages (playwright-core, esbuild) and make lighthouse's (lighthouse 12,
# chrome-launcher), from their committed lock files.
BENCH_DIR := tests/bench
LIGHTHOUSE_DIR := tests/lighthouse
bench-deps: $(BENCH_DIR)/node_modules/.package-lock.json
lighthouse-deps: $(LIGHTHOUSE_DIR)/node_modules/.package-lock.json

$(BENCH_DIR)/node_modules/.package-lock.json: $(BENCH_DIR)/package.json $(BENCH_DIR)/package-lock.json
	cd $(BENCH_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(LIGHTHOUSE_DIR)/node_modules/.package-lock.json: $(LIGHTHOUSE_DIR)/package.json $(LIGHTHOUSE_DIR)/package-lock.json
	cd $(LIGHTHOUSE_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# twiggy, the wasm code size profiler, for make size.
TWIGGY_VERSION := 0.8.0
twiggy:
	@if [ "$$(twiggy --version 2>/dev/null)" != "twiggy $(TWIGGY_VERSION)" ]; then \
	  echo "installing twiggy $(TWIGGY_VERSION)"; \
	  cargo install --force --locked twiggy --version $(TWIGGY_VERSION); \
	fi

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

# Size benchmark: raw, gzip and brotli bytes of the release build and the embed bundle, and
# twiggy's top 20 of the bundle's wasm. The release wasm has no names (wasm-opt drops them), so
# twiggy reads a copy optimised the same way from the same wasm-bindgen output with its names
# kept (wasm-opt -Oz --debuginfo): the same code, plus a name section.
size: build twiggy
	node $(BENCH_DIR)/size.mjs dist dist/embed
	wasm-opt -Oz --debuginfo $(EMBED_DIR)/bindgen/loyalty-badge_bg.wasm -o $(EMBED_DIR)/loyalty-badge_bg.named.wasm
	@echo
	@echo "twiggy top 20 of the bundle's wasm ($(EMBED_DIR)/loyalty-badge_bg.named.wasm, names kept):"
	twiggy top -n 20 $(EMBED_DIR)/loyalty-badge_bg.named.wasm

# What a host page downloads for one badge (dist/embed's .js + .wasm + .css), brotli -q 11, may not
# exceed this. Bytes are deterministic for a toolchain, so make test checks them (make test-size);
# the target is 70.
EMBED_BUDGET_KIB ?= 170
test-size: embed
	EMBED_BUDGET_KIB=$(EMBED_BUDGET_KIB) node $(BENCH_DIR)/budget.mjs dist/embed

# The bundle against a plain-JavaScript badge (tests/bench/baseline/), in one run: bytes,
# navigation to rendered, longest task, total blocking time and CLS, with and without 4x CPU
# throttling, RUNS cold loads each (median). First checks that the baseline renders the same
# markup. Figures only.
RUNS ?= 15
bench: embed server chromium bench-deps
	node $(BENCH_DIR)/site.mjs
	CHROMIUM=$(CHROMIUM) node --test $(BENCH_DIR)/baseline.test.mjs
	CHROMIUM=$(CHROMIUM) RUNS=$(RUNS) node $(BENCH_DIR)/bench.mjs

# Lighthouse (performance) for static/embed-example.html served by loyalty-server from dist/,
# mobile and desktop, LH_RUNS runs each (median).
LH_RUNS ?= 3
lighthouse: build server chromium lighthouse-deps
	CHROME_PATH=$(CHROMIUM) LH_RUNS=$(LH_RUNS) node $(LIGHTHOUSE_DIR)/run.mjs

# Proxy load benchmark: wrk against the release proxy on loopback, with a stub upstream that
# answers in 50 ms. The workspace's release profile optimises for size (for the wasm); the server
# is built for speed, as README tells a site to build it.
loadtest: wrk
	CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo build --release -p loyalty-server --bin loyalty-server --example stub_upstream
	tests/load/run.sh

## Tests ###########################################################################################

test: tools lint test-native test-nginx test-browser test-e2e test-engines test-size

lint: rust-target
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --all-features -- -D warnings
	cargo clippy --target $(WASM_TARGET) -p loyalty-badge -p loyalty-badge-demo --all-targets --all-features -- -D warnings

test-native:
	cargo test --workspace

# README's nginx configuration in Debian's nginx, on loopback, without root.
test-nginx: nginx
	NGINX=$(NGINX) cargo test -p loyalty-server --test nginx -- --ignored

# The browser tests in Chromium and Firefox, side by side once the tests are built.
test-browser: rust-target wasm-bindgen-cli chromium geckodriver
	cargo test --target $(WASM_TARGET) --features embed --test browser --no-run
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-browser-chromium test-browser-firefox

test-browser-chromium: rust-target wasm-bindgen-cli chromium
	env -u GECKODRIVER -u SAFARIDRIVER CHROMEDRIVER=$(CHROMEDRIVER) cargo test --target $(WASM_TARGET) --features embed --test browser

test-browser-firefox: rust-target wasm-bindgen-cli geckodriver
	env -u CHROMEDRIVER -u SAFARIDRIVER GECKODRIVER=$(GECKODRIVER) cargo test --target $(WASM_TARGET) --features embed --test browser

test-e2e: build server chromium e2e-deps
	cd $(E2E_DIR) && CHROMIUM=$(CHROMIUM) LOYALTY_SERVER=$(CURDIR)/$(SERVER_BIN) npx playwright test

# The embed bundle's end-to-end checks (tests/engines) in each engine through its WebDriver, the
# engines side by side (each with its own loyalty-server on a free port); ENGINE=webkit runs one.
# What they need built is built once, first (ENGINE_DEPS is emptied for the engine targets).
ENGINE_DEPS ?= build server engines-deps
test-engines: $(ENGINE_DEPS)
	@$(MAKE) --no-print-directory -j3 --output-sync=target ENGINE_DEPS= $(ENGINE:%=test-engines-%)

ENGINE_RUN = cd $(ENGINES_DIR) && LOYALTY_SERVER=$(CURDIR)/$(SERVER_BIN) DIST=$(CURDIR)/dist \
  CHROMIUM=$(CHROMIUM) CHROMEDRIVER=$(CHROMEDRIVER) FIREFOX=$(FIREFOX) GECKODRIVER=$(GECKODRIVER) \
  WEBKIT_DRIVER=$(WEBKIT_DRIVER) MINIBROWSER=$(MINIBROWSER)

test-engines-chromium: $(ENGINE_DEPS) chromium
	$(ENGINE_RUN) ENGINE=chromium node --test

test-engines-firefox: $(ENGINE_DEPS) geckodriver
	$(ENGINE_RUN) ENGINE=firefox node --test

test-engines-webkit: $(ENGINE_DEPS) webkit
	$(ENGINE_RUN) ENGINE=webkit xvfb-run -a --server-args="-screen 0 1280x1024x24" node --test

clean:
	cargo clean
	rm -rf dist $(E2E_DIR)/node_modules $(ENGINES_DIR)/node_modules
