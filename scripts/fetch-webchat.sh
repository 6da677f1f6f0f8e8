#!/usr/bin/env bash
# Fetches rasa-webchat's standalone bundle (lib/index.js: React and socket.io-client inside) from the
# npm registry, checks the package against its pinned integrity hash, and writes it to OUT.
# Usage: scripts/fetch-webchat.sh VERSION SHA512_INTEGRITY OUT
set -euo pipefail
version="$1"; integrity="$2"; out="$3"
command -v npm >/dev/null || { echo "npm is needed to fetch the chat widget: apt-get install npm (or Node.js)" >&2; exit 1; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "rasa-webchat@$version" >/dev/null 2>&1)
tarball="$tmp/rasa-webchat-$version.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "rasa-webchat@$version does not match its pinned integrity ($actual)" >&2; exit 1
fi
tar -xzf "$tarball" -C "$tmp" package/lib/index.js
mkdir -p "$(dirname "$out")"
cp "$tmp/package/lib/index.js" "$out"
echo "rasa-webchat $version bundle written to $out"
