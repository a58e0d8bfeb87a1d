"""The PySide6 desktop: windows, views, lazy table models and dialogs. Calls services, never SQL."""
