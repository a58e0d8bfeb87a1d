"""Sync on the desktop: background rounds, the status-bar indicator, login, rejected changes, conflicts."""

from app.ui.sync.desk import SyncDesk

__all__ = ["SyncDesk"]
