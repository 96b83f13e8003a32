"""Joining a group, for takers: the join link and the code typed on the start page."""
