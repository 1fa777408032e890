"""The interactive API docs' files, served by the app: no CDN, works offline."""

from __future__ import annotations

from flask import Flask, send_from_directory
from swagger_ui_bundle import swagger_ui_path


def serve_swagger_ui(app: Flask) -> None:
    """Serve the Swagger UI files of /api/docs from the installed package."""

    @app.get("/api/docs/assets/<path:filename>")
    def swagger_ui_asset(filename):
        """A file of Swagger UI (Apache-2.0), shipped by swagger-ui-bundle-v2."""
        return send_from_directory(str(swagger_ui_path), filename, max_age=86400)
