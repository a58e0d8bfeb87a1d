"""GridLedger (网格台账): offline-first ledger for community grid work.

Importing ``app`` must never import Qt: the sync server imports ``app.store``.
"""

__version__ = "0.1.0"
