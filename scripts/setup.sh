#!/usr/bin/env bash
# Sets up everything GridLedger needs on a fresh Debian/Ubuntu machine: the system libraries Qt needs
# (installed with apt when we are root or have sudo), a virtual environment (the active one, or .venv)
# and the package with its test and server extras. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Qt offscreen and on a real display (DESIGN section 8)
  libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0
  libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0 libxrender1 libxi6 libsm6 libice6
  # a virtual display for machines without one, PDF tools for checking printouts
  xvfb xauth poppler-utils
  python3-venv
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
fi
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "需要以下系统软件包，但当前用户不是 root 且没有 sudo：${missing[*]}" >&2
      echo "请让管理员执行：apt-get install -y ${missing[*]}" >&2
      exit 2
    fi
  fi
  echo "安装系统软件包：${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -z "${VIRTUAL_ENV:-}" ]; then
  PYTHON=${PYTHON:-python3}
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "需要 Python 3.11 或更高版本（当前：$("$PYTHON" --version 2>&1)）" >&2
    exit 2
  fi
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi

stamp=".venv-installed-$(sha1sum pyproject.toml | cut -c1-12)"
if [ ! -f "$VIRTUAL_ENV/$stamp" ]; then
  python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  python -m pip install -q -e ".[test,server]"
  touch "$VIRTUAL_ENV/$stamp"
fi
