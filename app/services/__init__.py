"""Use cases, callable from the GUI, the CLI and tests alike (search, stats, export, demo …)."""
