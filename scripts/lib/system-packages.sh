#!/usr/bin/env bash
# Debian packages the browser, read-aloud, signature and CloudFront Function tests need (espeak-ng
# and lame also make civicat serve's read-aloud recordings)
# (poppler-utils: pdfsig, the second, independent verifier of sealed answers; nodejs runs the
# CloudFront Function). Installs them when running as root and they are missing; otherwise says
# what is missing (the tests then fail under CI=true, skip locally).
set -uo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)  # runs the CloudFront Function's tests
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v lame >/dev/null 2>&1 || need+=(lame)  # read-aloud recordings as MP3 (a tenth of WAV)
command -v speech-dispatcher >/dev/null 2>&1 || need+=(speech-dispatcher speech-dispatcher-espeak-ng)
command -v pulseaudio >/dev/null 2>&1 || need+=(pulseaudio)
command -v pdfsig >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "noto.*arab\|dejavu" || need+=(fonts-noto-core fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "civicat: installing Debian packages: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || {
    echo "civicat: apt-get install ${need[*]} failed" >&2
    exit 1
  }
else
  echo "civicat: missing Debian packages: ${need[*]} — install them (sudo apt-get install ${need[*]}) for the browser tests" >&2
fi
