"""The pages shown for a selected place: building map, household page, lists."""
