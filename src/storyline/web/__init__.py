"""The web app and REST API (``storyline serve``): see :mod:`storyline.web.app`."""

from storyline.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
