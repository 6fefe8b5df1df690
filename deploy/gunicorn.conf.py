"""Gunicorn's configuration for Sightline (`gunicorn -c deploy/gunicorn.conf.py config.wsgi`).

Every value can be changed from the environment; see docs/deployment.md.
"""

import multiprocessing
import os

bind = os.environ.get("SIGHTLINE_BIND", "127.0.0.1:8000")
# Sightline's pages are CPU-bound (polars, SPC) with short database waits: about two
# processes per CPU, each with a few threads for the quick pages and the job-status polling.
workers = int(os.environ.get("WEB_CONCURRENCY", str(max(2, multiprocessing.cpu_count()))))
threads = int(os.environ.get("SIGHTLINE_WEB_THREADS", "4"))
worker_class = "gthread"
# A request that takes longer than this is stopped (imports and reports run as jobs).
timeout = int(os.environ.get("SIGHTLINE_WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Restart each process now and then, so a slow leak never grows without bound.
max_requests = int(os.environ.get("SIGHTLINE_WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Uploads up to the size limit pass through; headers stay small.
limit_request_field_size = 16384
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips
# Load Django once in the master process: workers start fast and share memory.
preload_app = True

# Logs to standard output as JSON lines, like the application's (the request's ID included).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("SIGHTLINE_LOG_LEVEL", "info").lower()
# The JSON formatter turns each access line into fields (method, path, status, duration_ms,
# request_id from the response's X-Request-ID header).
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms %({x-request-id}o)s'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "sightline.kernel.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {
            "handlers": ["console"],
            # WARNING turns the access log off (the benchmarks do).
            "level": os.environ.get("SIGHTLINE_ACCESS_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}
