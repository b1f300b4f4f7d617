# csw: build, test, demo and install.
#
#   make demo      install what is missing, build, and run csw end to end
#   make test      install what is missing, build, and run every test
#   make install   install the binary, man page and completions under PREFIX

PREFIX ?= /usr/local
SWIFT ?= swift
RELEASE_FLAGS = -c release --static-swift-stdlib
RELEASE_BIN = .build/release/csw
DEBUG_BIN = .build/debug/csw

# Debian packages csw needs to build, and its tests and benchmarks to run.
APT_PACKAGES = pkg-config libsqlite3-dev libcurl4-openssl-dev libssl-dev libedit-dev \
	sqlite3 curl nginx-light bash zsh fish tmux mandoc hyperfine
# PyPI packages the tests use: an independent signature verifier and a
# pseudo-terminal driver.
PIP_PACKAGES = standardwebhooks pexpect

SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build release test demo install generate bench clean

all: build

deps:
	@missing=""; for package in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@python3 -c "import standardwebhooks, pexpect" 2>/dev/null || { \
		echo "Installing Python packages: $(PIP_PACKAGES)"; \
		python3 -m pip install -q $(PIP_PACKAGES); }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

demo: release
	@CSW=$(RELEASE_BIN) sh bench/demo.sh

generate: build
	$(DEBUG_BIN) completions bash > completions/csw.bash
	$(DEBUG_BIN) completions zsh > completions/_csw
	$(DEBUG_BIN) completions fish > completions/csw.fish
	$(DEBUG_BIN) __man > man/csw.1

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/csw
	install -m 644 man/csw.1 $(DESTDIR)$(PREFIX)/share/man/man1/csw.1
	install -m 644 completions/csw.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/csw
	install -m 644 completions/_csw $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_csw
	install -m 644 completions/csw.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/csw.fish

bench: release
	@CSW=$(RELEASE_BIN) sh bench/list.sh
	@CSW=$(RELEASE_BIN) sh bench/fire.sh

clean:
	rm -rf .build
