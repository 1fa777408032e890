"""One application method per use case, grouped by the records they change."""
