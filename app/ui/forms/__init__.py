"""Classes generated from forms/*.ui (never edited by hand)."""
