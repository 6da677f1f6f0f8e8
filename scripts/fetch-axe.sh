#!/usr/bin/env bash
# Fetches axe-core's browser build (axe.min.js) from the npm registry for the accessibility tests,
# checks the package against its pinned integrity hash, and writes it to OUT. Used by tests only:
# the app never serves it. Usage: scripts/fetch-axe.sh VERSION SHA512_INTEGRITY OUT
set -euo pipefail
version="$1"; integrity="$2"; out="$3"
command -v npm >/dev/null || { echo "npm is needed to fetch axe-core: apt-get install npm (or Node.js)" >&2; exit 1; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "axe-core@$version" >/dev/null 2>&1)
tarball="$tmp/axe-core-$version.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "axe-core@$version does not match its pinned integrity ($actual)" >&2; exit 1
fi
tar -xzf "$tarball" -C "$tmp" package/axe.min.js
mkdir -p "$(dirname "$out")"
cp "$tmp/package/axe.min.js" "$out"
echo "axe-core $version written to $out"
