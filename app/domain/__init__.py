"""Pure domain rules: ID numbers, codes, addresses, names, dates, phones and tags (no Qt, no SQL)."""
