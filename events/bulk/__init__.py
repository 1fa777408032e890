"""The bulk-load path: a baseline file's families recorded many per transaction."""
