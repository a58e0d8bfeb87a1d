#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: lint, layering contracts, generated forms, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -n "${VIRTUAL_ENV:-}" ] || . .venv/bin/activate
export QT_QPA_PLATFORM=offscreen
ruff check .
lint-imports
python -m pytest -q "$@"
