"""Imported by the fork server that ingest workers are forked from (``runner.start_worker_server``).

Importing it loads and warms up the spaCy pipeline in the fork server, once,
so that every worker forked from it starts with the pipeline in memory
(shared copy-on-write) instead of loading its own.
"""

from communique.store.runner import preload_pipeline

preload_pipeline()
