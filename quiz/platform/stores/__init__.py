"""The database reads and writes that the features share: the bank, attempts, finished results
and stored statistics, each a module of queries that return the domain's plain values."""
