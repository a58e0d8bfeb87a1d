"""``python -m app``: the same entry as the ``gridledger`` command (GUI without a subcommand)."""

import sys

from app.cli import main

sys.exit(main())
