"""The clips questions play, generated from their stimulus, served by name: /audio/<sha256 of the bytes>.wav."""
