#!/usr/bin/env bash
# Sets everything up, creates the demo community on first run and opens the desktop on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -n "${VIRTUAL_ENV:-}" ] || . .venv/bin/activate
DB=${GRIDLEDGER_DEMO_DB:-demo.sqlite}
if [ ! -f "$DB" ]; then
  gridledger demo --db "$DB"
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" != "offscreen" ]; then
  cat >&2 <<MSG
这台机器没有图形显示（DISPLAY 未设置），无法打开窗口。可以：
  1. 在虚拟显示中运行：  xvfb-run -a .venv/bin/gridledger --db $DB
  2. 把主窗口渲染为图片：.venv/bin/gridledger --db $DB --screenshot main.png
现在先生成一张截图 main.png 供查看。
MSG
  exec gridledger --db "$DB" --screenshot main.png
fi
exec gridledger --db "$DB" "$@"
