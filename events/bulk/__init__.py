"""The bulk-load path of `dtks import`: a baseline file's families recorded
many per transaction, the rules asked of `workflow.baseline_checks`.

`importer` runs the stages and falls back to the use case for families the
store already holds; `records` encodes new families' events without building
aggregates; `batches` is what crosses between the stages and the writers that
record it; `background` and `spool` run a stage in a forked process; `writer`
records a batch and projects it in one SQLite transaction.
"""
