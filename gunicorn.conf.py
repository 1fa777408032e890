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
# The access log names the route template (/api/v1/registry/people/<nik>), never
# the path or query, which hold NIKs and No. KKs; the user by id, never by name;
# and no header, so bearer tokens never reach a log. The app puts route and user
# into the WSGI environ (api/access_log.py), where the format reads them.
accesslog = os.environ.get("DTKS_ACCESS_LOG", "-")
access_log_format = (
    '%(h)s %(m)s "%({dtks.route}e)s" %(s)s %(b)s %(M)sms user=%({dtks.user}e)s'
)
errorlog = "-"
