"""The local web UI: the brief of a store's articles, and a form to add more."""

from .app import create_app

__all__ = ["create_app"]
