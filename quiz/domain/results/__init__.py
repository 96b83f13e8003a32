"""What finished attempts add up to: each attempt's step gains and a group's summaries."""
