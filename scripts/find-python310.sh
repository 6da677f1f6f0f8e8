#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter, or explains what to install and exits 1.
# Order: python3.10 on PATH (if it really runs), then any 3.10.x that pyenv knows.
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; }
if command -v python3.10 >/dev/null 2>&1 && ok python3.10; then
  command -v python3.10; exit 0
fi
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10\.[0-9]+$' | sort -t. -k3 -n -r); do
    p="$(pyenv prefix "$v" 2>/dev/null)/bin/python3.10"
    if [ -x "$p" ] && ok "$p"; then echo "$p"; exit 0; fi
  done
fi
cat >&2 <<'MSG'
StemSafe needs Python 3.10 (Rasa 3.6 does not run on 3.11 or newer), and none was found.
Install one of:
  - Debian/Ubuntu:  apt-get install python3.10 python3.10-venv
  - pyenv:          pyenv install 3.10.13
then run the make command again.
MSG
exit 1
