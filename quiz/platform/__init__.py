"""The platform, the middle floor: settings, the database and its stores, security, errors,
throttles, links and CSV - what the web features stand on. It may use the domain, never the
web features."""
