"""The generated clips of listening questions, served by name: /audio/<sha256 of the bytes>.wav."""

from .routes import bp

__all__ = ["bp"]
