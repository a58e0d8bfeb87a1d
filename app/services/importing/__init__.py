"""Importing legacy ledgers (人口/房屋/特殊人群/矛盾纠纷台账): read, recognise, normalise, merge, report."""
