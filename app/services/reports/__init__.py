"""Printed files: 一户一档, building volumes and rosters, statistics, batches for a grid (issue 6).

Layout modules (household, building, statistics) only place text; records decides what is printed
(formatted, masked, checked against the fonts); access decides who may see full values; output writes
files safely and leaves the audit entry every printout needs.
"""
