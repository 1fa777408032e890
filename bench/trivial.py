"""The trivial Flask JSON endpoint the HTTP benchmark compares against."""

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/ping")
def ping():
    """A constant JSON answer."""
    return jsonify(status="ok")


@app.get("/healthz")
def healthz():
    """Alive."""
    return jsonify(status="ok")
