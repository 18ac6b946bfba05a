"""Serve stage: the stories of a store on web pages and over an HTTP API (read-only)."""

from newsweave.serve.app import create_app

__all__ = ["create_app"]
