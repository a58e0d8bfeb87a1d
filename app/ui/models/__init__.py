"""Qt item models over the services (lazy: they fetch rows when the view shows them)."""
