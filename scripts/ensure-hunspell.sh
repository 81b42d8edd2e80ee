#!/usr/bin/env bash
# The content check spell-checks kk and ru with hunspell; install it and both dictionaries if missing.
set -euo pipefail
have() { command -v hunspell >/dev/null && [ -f /usr/share/hunspell/kk_KZ.dic ] && [ -f /usr/share/hunspell/ru_RU.dic ]; }
have && exit 0
if command -v apt-get >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq hunspell hunspell-kk hunspell-ru >/dev/null
fi
have || { echo "hunspell with kk_KZ and ru_RU dictionaries is required (Debian: hunspell hunspell-kk hunspell-ru)" >&2; exit 1; }
