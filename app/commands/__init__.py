"""The subcommands of ``gridledger``, one module per area, each with ``register(subparsers)``."""

COMMAND_MODULES = (
    "app.commands.ledger",
    "app.commands.cases",
    "app.commands.reports",
    "app.commands.importing",
    "app.commands.sync",
)
