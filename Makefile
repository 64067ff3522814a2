# Install aigov like a real tool.
#
#   make install   [PREFIX=~/.local] [DESTDIR=]   binary, man pages, shell completions
#   make uninstall [PREFIX=~/.local] [DESTDIR=]   remove exactly what install installed
#   make release   [DIST=dist]                    dist/aigov-VERSION-OS-ARCH.tar.gz, and its .sha256
#                                                 (checked before unpacking: cd dist && sha256sum -c *.sha256)
#
# Every target that needs the program builds it once (`stage`), into $(SCRATCH)/aigov-stage:
#   bin/aigov                                   swift build -c $(CONFIG), Swift runtime linked in, stripped
#   share/man/man1/aigov.1, aigov.SUB….1        swift-argument-parser's generate-manual plugin
#   share/bash-completion/completions/aigov     aigov --generate-completion-script bash
#   share/zsh/site-functions/_aigov             … zsh
#   share/fish/vendor_completions.d/aigov.fish  … fish
# install copies that tree under $(DESTDIR)$(PREFIX) and records every file it wrote, relative
# to PREFIX, in share/aigov/install-manifest; uninstall removes exactly the files listed there
# (and the manifest), then share/aigov if it is empty; every other folder stays. Installing
# again first removes the files of the previous install, so a page for a removed command does
# not linger.
#
# Variables:
#   PREFIX    where to install (default ~/.local)
#   DESTDIR   staging root for packagers, prepended to PREFIX
#   CONFIG    release (default) or debug (builds faster; AIGOV_TEST_INSTALL=debug uses it)
#   SCRATCH   SwiftPM scratch path (default .build; BUILD_DIR is accepted as another name)
#   DIST      where make release writes the archive (default dist)
#
# Version stamp: Sources/AIGovApp/BuildInfo.swift holds `static let stamp: String? = nil`. While
# it builds, `stage` replaces that line with the commit (`git rev-parse --short HEAD`, plus
# ", modified" when `git status --porcelain` lists anything) or "built without git" outside a
# git checkout, and puts the file back afterwards, timestamp included, even when the build
# fails or is interrupted, so the working tree stays clean. The stamped copy is kept in
# $(SCRATCH) and reused while the commit and state stay the same, so a second `make install`
# does not recompile anything.

PREFIX    ?= $(HOME)/.local
DESTDIR   ?=
CONFIG    ?= release
BUILD_DIR ?= .build
SCRATCH   ?= $(BUILD_DIR)
DIST      ?= dist
SWIFT     ?= swift
STRIP     ?= strip
# The Swift runtime and Foundation linked into the binary, so it runs without a Swift
# toolchain. This is what `swift build --static-swift-stdlib` passes to the compiler; it is
# spelled -Xswiftc here because the generate-manual plugin builds the package again through
# `swift package`, which has no --static-swift-stdlib, and two builds with different flags
# would each recompile everything. With the same flags the plugin's build is a no-op.
# (STATIC= builds a dynamically linked binary, e.g. on macOS.)
STATIC    ?= -Xswiftc -static-stdlib

STAGE     := $(SCRATCH)/aigov-stage
BUILDINFO := Sources/AIGovApp/BuildInfo.swift
MANIFEST  := share/aigov/install-manifest
PLACEHOLDER := ^    static let stamp: String? = nil$$

.PHONY: all stage install uninstall release help
all: stage

help:
	@sed -n '3,5p' Makefile | sed 's/^# *//'

stage:
	@set -eu; \
	case "$(CONFIG)" in release|debug) ;; *) echo "make: CONFIG must be release or debug, not $(CONFIG)" >&2; exit 2 ;; esac; \
	mkdir -p "$(SCRATCH)"; \
	saved="$(SCRATCH)/BuildInfo.swift.orig"; stamped="$(SCRATCH)/BuildInfo.swift.stamped"; \
	if ! grep -q '$(PLACEHOLDER)' $(BUILDINFO) && [ -f "$$saved" ]; then cp -p "$$saved" $(BUILDINFO); fi; \
	if ! grep -q '$(PLACEHOLDER)' $(BUILDINFO); then \
	  echo "make: $(BUILDINFO) does not hold the line \`static let stamp: String? = nil\`; put it back first" >&2; exit 1; \
	fi; \
	top=$$(git rev-parse --show-toplevel 2>/dev/null || true); \
	if [ -n "$$top" ] && [ "$$(cd "$$top" && pwd -P)" = "$$(pwd -P)" ] && hash=$$(git rev-parse --short HEAD 2>/dev/null); then \
	  if [ -n "$$(git status --porcelain 2>/dev/null)" ]; then stamp="$$hash, modified"; else stamp="$$hash"; fi; \
	  day=$$(git log -1 --format=%cs 2>/dev/null || date -u +%F); \
	else \
	  stamp="built without git"; day=$$(date -u +%F); \
	fi; \
	echo "building aigov ($(CONFIG), $$stamp) in $(SCRATCH)"; \
	cp -p $(BUILDINFO) "$$saved"; \
	trap 'cp -p "$$saved" $(BUILDINFO) && rm -f "$$saved"' EXIT; \
	trap 'exit 130' INT TERM HUP; \
	sed "s|$(PLACEHOLDER)|    static let stamp: String? = \"$$stamp\"|" $(BUILDINFO) > "$$stamped.new"; \
	if cmp -s "$$stamped.new" "$$stamped"; then rm -f "$$stamped.new"; else mv -f "$$stamped.new" "$$stamped"; fi; \
	cp -p "$$stamped" $(BUILDINFO); \
	manuals="$(SCRATCH)/plugins/GenerateManual/outputs/aigov"; \
	rm -rf "$$manuals"; \
	$(SWIFT) build -c $(CONFIG) --scratch-path "$(SCRATCH)" $(STATIC) --product aigov; \
	$(SWIFT) package --scratch-path "$(SCRATCH)" $(STATIC) generate-manual --configuration $(CONFIG) --multi-page --date "$$day"; \
	bin="$$($(SWIFT) build -c $(CONFIG) --scratch-path "$(SCRATCH)" $(STATIC) --show-bin-path)/aigov"; \
	if ! "$$bin" --version | grep -qF "($$stamp)"; then \
	  echo "the build missed the new stamp; building again"; \
	  touch "$$stamped"; cp -p "$$stamped" $(BUILDINFO); \
	  $(SWIFT) build -c $(CONFIG) --scratch-path "$(SCRATCH)" $(STATIC) --product aigov; \
	  "$$bin" --version | grep -qF "($$stamp)"; \
	fi; \
	cp -p "$$saved" $(BUILDINFO); rm -f "$$saved"; trap - EXIT; \
	ls "$$manuals"/aigov.1 >/dev/null; \
	rm -rf "$(STAGE)"; \
	mkdir -p "$(STAGE)/bin" "$(STAGE)/share/man/man1" "$(STAGE)/share/bash-completion/completions" \
	  "$(STAGE)/share/zsh/site-functions" "$(STAGE)/share/fish/vendor_completions.d"; \
	$(STRIP) -o "$(STAGE)/bin/aigov" "$$bin"; \
	chmod 755 "$(STAGE)/bin/aigov"; \
	cp "$$manuals"/*.1 "$(STAGE)/share/man/man1/"; \
	"$(STAGE)/bin/aigov" --generate-completion-script bash > "$(STAGE)/share/bash-completion/completions/aigov"; \
	"$(STAGE)/bin/aigov" --generate-completion-script zsh > "$(STAGE)/share/zsh/site-functions/_aigov"; \
	"$(STAGE)/bin/aigov" --generate-completion-script fish > "$(STAGE)/share/fish/vendor_completions.d/aigov.fish"; \
	chmod 644 "$(STAGE)"/share/man/man1/*.1 "$(STAGE)/share/bash-completion/completions/aigov" \
	  "$(STAGE)/share/zsh/site-functions/_aigov" "$(STAGE)/share/fish/vendor_completions.d/aigov.fish"; \
	echo "staged $$("$(STAGE)/bin/aigov" --version) in $(STAGE)"

install: stage
	@set -eu; \
	root="$(DESTDIR)$(PREFIX)"; \
	case "$$root" in "") echo "make: PREFIX is empty" >&2; exit 2 ;; esac; \
	if [ -f "$$root/$(MANIFEST)" ]; then \
	  while IFS= read -r f; do \
	    case "$$f" in ""|/*|..|../*|*/..|*/../*) continue ;; esac; \
	    if [ -f "$$root/$$f" ] || [ -L "$$root/$$f" ]; then rm -f "$$root/$$f"; fi; \
	  done < "$$root/$(MANIFEST)"; \
	fi; \
	list="$(SCRATCH)/install-manifest"; \
	(cd "$(STAGE)" && find . -type f) | sed 's|^\./||' | LC_ALL=C sort > "$$list"; \
	while IFS= read -r f; do \
	  mkdir -p "$$root/$$(dirname "$$f")"; \
	  case "$$f" in bin/*) mode=755 ;; *) mode=644 ;; esac; \
	  install -m $$mode "$(STAGE)/$$f" "$$root/$$f"; \
	done < "$$list"; \
	mkdir -p "$$root/$$(dirname $(MANIFEST))"; \
	install -m 644 "$$list" "$$root/$(MANIFEST)"; \
	echo "installed $$(wc -l < "$$list" | tr -d ' ') files under $$root (listed in $$root/$(MANIFEST))"; \
	case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; *) echo "note: $(PREFIX)/bin is not on your PATH" ;; esac

uninstall:
	@set -eu; \
	root="$(DESTDIR)$(PREFIX)"; \
	manifest="$$root/$(MANIFEST)"; \
	if [ ! -f "$$manifest" ]; then \
	  echo "make: no $$manifest, so nothing was removed (is PREFIX the one you installed to?)" >&2; exit 1; \
	fi; \
	n=0; \
	while IFS= read -r f; do \
	  case "$$f" in ""|/*|..|../*|*/..|*/../*) echo "skipping unsafe manifest line: $$f" >&2; continue ;; esac; \
	  if [ -f "$$root/$$f" ] || [ -L "$$root/$$f" ]; then rm -f "$$root/$$f"; n=$$((n + 1)); fi; \
	done < "$$manifest"; \
	rm -f "$$manifest"; \
	rmdir "$$root/$$(dirname $(MANIFEST))" 2>/dev/null || true; \
	echo "removed $$n files from $$root"

release: stage
	@set -eu; \
	version=$$("$(STAGE)/bin/aigov" --version | sed 's/ .*//'); \
	name="aigov-$$version-$$(uname -s | tr '[:upper:]' '[:lower:]')-$$(uname -m)"; \
	work="$(SCRATCH)/aigov-release"; \
	rm -rf "$$work"; mkdir -p "$$work/$$name"; \
	cp -R "$(STAGE)/." "$$work/$$name/"; \
	cp README.md "$$work/$$name/"; \
	(cd "$$work/$$name" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS); \
	epoch=$$(git log -1 --format=%ct 2>/dev/null || date +%s); \
	mkdir -p "$(DIST)"; \
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$$epoch" -C "$$work" -cf - "$$name" \
	  | gzip -9n > "$(DIST)/$$name.tar.gz.part"; \
	mv -f "$(DIST)/$$name.tar.gz.part" "$(DIST)/$$name.tar.gz"; \
	(cd "$(DIST)" && sha256sum "$$name.tar.gz" > "$$name.tar.gz.sha256.part" && mv -f "$$name.tar.gz.sha256.part" "$$name.tar.gz.sha256"); \
	echo "wrote $(DIST)/$$name.tar.gz and $(DIST)/$$name.tar.gz.sha256"
