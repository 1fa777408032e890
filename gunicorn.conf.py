"""gunicorn settings, from the environment: `gunicorn -c gunicorn.conf.py wsgi:app`.

Each worker opens its own connection to the store on its first request, after
the fork; nothing connects at import time.
"""

import os

bind = os.environ.get("DTKS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("DTKS_WORKERS", "2"))
worker_class = os.environ.get("DTKS_WORKER_CLASS", "gthread")
threads = int(os.environ.get("DTKS_THREADS", "4"))
timeout = int(os.environ.get("DTKS_TIMEOUT", "60"))
graceful_timeout = 20
preload_app = False
# The access log names method, path, status and timing; never headers, so bearer
# tokens never reach a log.
accesslog = os.environ.get("DTKS_ACCESS_LOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
