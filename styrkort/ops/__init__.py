"""Running Styrkort in production: logs, health endpoints, the background worker and its conventions.

- ``logs``: one JSON object a line on stderr in production, readable text in development.
- ``health``: ``/helsa/`` (the process answers) and ``/redo/`` (database, migrations, worker).
- ``tasks``: how a background task is written (retries with backoff, idempotency keys).
- ``models``: the worker's heartbeat, which ``/redo/`` reads.
- ``styrkort worker``: the worker process (django-tasks' database backend) with its heartbeat.

This package sits just above the domain in the layers: any app may enqueue a task, none of
this imports an app of Styrkort.
"""
