#!/usr/bin/env bash
# What `make test` needs outside Python, checked before any work: Debian's chromium (the browser
# tests drive it; Playwright's own browser download is not used) and npm (the site's plotly.js
# bundle and axe-core). As root with apt-get they are installed; otherwise this stops at once
# with one line that says what to install.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
    missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
    exit 0
fi
echo "make test needs ${missing[*]}, not found on PATH: install" \
    "$([ ${#missing[@]} -gt 1 ] && echo them || echo it) (Debian: sudo apt-get install" \
    "${missing[*]}), then run make test again" >&2
exit 1
