"""Groups (classes): joined by link or code; a dashboard of where the group stands."""
