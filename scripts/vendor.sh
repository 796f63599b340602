#!/usr/bin/env bash
# Vendor the front-end files the UI uses into static/vendor/ (run by `make vendor`).
#
# Pinned versions come from the npm registry via `npm pack`; only the built files
# the pages load (plus the fonts/icons the CSS references, and each license) are
# kept, so `make run` needs no Node and no CDN. The result is committed.
# axe-core is for the tests only (tests/browser/test_sider.py): one file, its
# version and MPL-2.0 notice in its header, never served by the app.
set -euo pipefail

DKFDS_VERSION=11.2.0
CHARTJS_VERSION=4.4.7
AXE_VERSION=4.14.1

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/static/vendor"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

fetch() {  # fetch <package> <version> -> extracts into $TMP/<package>/package
  local pkg="$1" version="$2"
  mkdir -p "$TMP/$pkg"
  (cd "$TMP/$pkg" && npm pack --silent "$pkg@$version" >/dev/null && tar xzf ./*.tgz)
}

vendor_dkfds() {
  local src="$TMP/dkfds/package/dist" out="$DEST/dkfds"
  rm -rf "$out" && mkdir -p "$out/css" "$out/js"
  cp "$src/css/dkfds.min.css" "$out/css/"
  cp "$src/js/dkfds.min.js" "$out/js/"
  cp "$src/LICENSE.md" "$out/LICENSE.md"
  # Every font and image the stylesheet references, in every format it names: a
  # @font-face src list that starts with an .eot or .woff makes Chromium request
  # those first, so vendoring only the woff2 files left a 404 on every page.
  grep -o 'url(\.\./[^)]*)' "$src/css/dkfds.min.css" | sed 's/^url(\.\.\///; s/)$//' \
    | sort -u | while read -r rel; do
      mkdir -p "$out/$(dirname "$rel")"
      cp "$src/$rel" "$out/$rel"
    done
  # The font license beside each format folder the stylesheet uses.
  for dir in "$out"/fonts/IBMPlexSans/complete/*/; do
    cp "$src/fonts/IBMPlexSans/complete/$(basename "$dir")/license.txt" "$dir/license.txt"
  done
  echo "$DKFDS_VERSION" >"$out/VERSION"
}

vendor_chartjs() {
  local src="$TMP/chart.js/package" out="$DEST/chart.js"
  rm -rf "$out" && mkdir -p "$out"
  cp "$src/dist/chart.umd.js" "$out/chart.umd.js"
  cp "$src/LICENSE.md" "$out/LICENSE.md"
  echo "$CHARTJS_VERSION" >"$out/VERSION"
}

vendor_axe() {
  local out="$ROOT/tests/browser/vendor"
  mkdir -p "$out"
  cp "$TMP/axe-core/package/axe.min.js" "$out/axe.min.js"
  head -1 "$out/axe.min.js" | grep -q "axe v$AXE_VERSION"  # the header names the version
}

fetch dkfds "$DKFDS_VERSION"
fetch chart.js "$CHARTJS_VERSION"
fetch axe-core "$AXE_VERSION"
vendor_dkfds
vendor_chartjs
vendor_axe
du -sh "$DEST"/*
