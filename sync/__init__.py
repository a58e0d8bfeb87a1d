"""Offline-first sync (DESIGN section 5): the client engine and, in sync.server, the central server.

Built on app.store's one write path: every local change is already stamped and queued in the outbox.
"""
