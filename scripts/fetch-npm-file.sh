#!/usr/bin/env bash
# Fetches one file out of a pinned npm package (the chat widget's bundle, axe-core for the accessibility
# tests), checks the package tarball against its pinned integrity hash, and writes the file to OUT.
# Usage: scripts/fetch-npm-file.sh PACKAGE VERSION SHA512_INTEGRITY PATH_IN_PACKAGE OUT
#   e.g. scripts/fetch-npm-file.sh rasa-webchat 1.0.1 sha512-... lib/index.js web/vendor/webchat.js
set -euo pipefail
package="$1"; version="$2"; integrity="$3"; inner="$4"; out="$5"
command -v npm >/dev/null || { echo "npm is needed to fetch $package: apt-get install npm (or Node.js)" >&2; exit 1; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$package@$version" >/dev/null 2>&1)
tarball="$tmp/$package-$version.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "$package@$version does not match its pinned integrity ($actual)" >&2; exit 1
fi
tar -xzf "$tarball" -C "$tmp" "package/$inner"
mkdir -p "$(dirname "$out")"
cp "$tmp/package/$inner" "$out"
echo "$package $version ($inner) written to $out"
