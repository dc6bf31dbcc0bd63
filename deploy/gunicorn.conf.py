"""gunicorn's configuration for Styrkort (`make serve`, deploy/styrkort-web.service).

Every value can be changed from the environment (the names are in .env.example):

- STYRKORT_BIND (127.0.0.1:8000): where to listen; the reverse proxy in front connects here.
- WEB_CONCURRENCY (2 × CPUs + 1): worker processes; each serves one request at a time.
- STYRKORT_TIMEOUT (60 s): a request that takes longer is stopped and its worker restarted (a
  PDF render waits at most STYRKORT_RENDER_WAIT_SECONDS for a slot and takes about a second).
- STYRKORT_MAX_REQUESTS (1000): a worker is replaced after this many requests (± 10 %).
  PDFs are not compiled in the worker itself but in its warm render child
  (styrkort/reports/worker.py), started with the worker (post_worker_init below) and replaced
  after STYRKORT_RENDERS_PER_WORKER (10) renders.
- FORWARDED_ALLOW_IPS (127.0.0.1,::1): proxies whose X-Forwarded-* headers gunicorn trusts.

The access log and the error log go to stderr through Styrkort's formatter: one JSON object a
line unless STYRKORT_LOG_FORMAT=text (styrkort/ops/logs.py), as the application's own records.
"""

import multiprocessing
import os

from styrkort.ops import logs

wsgi_app = "styrkort.wsgi:application"
bind = os.environ.get("STYRKORT_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("STYRKORT_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("STYRKORT_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "styrkort"

accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms'
_format = logs.log_format()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": logs.formatters(),
    "handlers": {"stderr": logs.stderr_handler(_format)},
    "loggers": {
        "gunicorn.error": {"handlers": ["stderr"], "level": logs.log_level(), "propagate": False},
        "gunicorn.access": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["stderr"], "level": logs.log_level()},
}


def post_worker_init(worker):
    """Start the worker's render child as the worker starts (in the background): the first PDF
    a worker renders then waits for no interpreter start-up. Each child holds about 45 MB while
    it waits (Typst, pikepdf and the fonts found)."""
    from styrkort.reports import worker as renders

    renders.start()
