#!/usr/bin/env bash
# JavaScript tools the tests run with node: ajv checks the JSON Schema files the way editors' IDEs
# (yaml-language-server) and JavaScript CI validators do; Lighthouse audits a handful of pages with
# Debian's Chromium (12.x: 13 needs node 22, Debian 12 has 18; it brings no browser). Installed with npm into .tools/ (ignored
# by git), pinned; reinstalled only when this list changes. Without node/npm it says what is
# missing (the tests then fail under CI=true, skip locally).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="$root/.tools"
want="ajv@8.20.0 ajv-formats@3.0.1 lighthouse@12.8.2"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "civicat: installing Debian packages: nodejs npm" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null || {
      echo "civicat: apt-get install nodejs npm failed" >&2
      exit 1
    }
  else
    echo "civicat: node and npm are missing — install them (sudo apt-get install nodejs npm) for the schema tests" >&2
    exit 0
  fi
fi
if [ "$(cat "$tools/.installed" 2>/dev/null)" = "$want" ] && [ -d "$tools/node_modules/ajv" ]; then
  exit 0
fi
mkdir -p "$tools"
[ -f "$tools/package.json" ] || echo '{"name": "civicat-tools", "private": true}' > "$tools/package.json"
echo "civicat: installing $want into .tools/ (npm)" >&2
# shellcheck disable=SC2086 # the list is words on purpose
npm install --prefix "$tools" --no-audit --no-fund --silent --save-exact $want || {
  echo "civicat: npm install $want failed (network to the npm registry needed once)" >&2
  exit 1
}
echo "$want" > "$tools/.installed"
