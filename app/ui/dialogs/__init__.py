"""Dialogs of the desktop (each loads its form from app/ui/forms)."""
