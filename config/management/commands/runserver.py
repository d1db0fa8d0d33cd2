"""Django's development server (with static files), which never shows debug pages to others.

    python manage.py runserver                 # 127.0.0.1:8000, DEBUG as configured
    python manage.py runserver 0.0.0.0:8080    # reachable from other machines: DEBUG off

On an address other than loopback, tracebacks and settings must not reach other machines: DEBUG
is switched off for this server (and it says so). Unless ALLOWED_HOSTS is set in the environment,
any host name is then accepted, as a development server on a local network expects. Production
runs under gunicorn instead (``make serve``, docs/deployment.md).
"""

import ipaddress
import os

from django.conf import settings
from django.contrib.staticfiles.management.commands.runserver import (
    Command as StaticfilesRunserver,
)


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


class Command(StaticfilesRunserver):
    help = (
        "Start the development server. On an address other than loopback (e.g. 0.0.0.0), "
        "DEBUG is switched off so that no traceback or settings page reaches other machines."
    )

    def run(self, **options):
        if not is_loopback(self.addr):
            self._guard_public_address()
        super().run(**options)

    def _guard_public_address(self) -> None:
        lines = [f"Serving on {self.addr}, which other machines can reach:"]
        if settings.DEBUG:
            settings.DEBUG = False
            lines.append("  DEBUG is switched off: errors show the plain error page, never a "
                         "traceback.")
        if not os.environ.get("ALLOWED_HOSTS"):
            settings.ALLOWED_HOSTS = ["*"]
            lines.append("  any host name is accepted (set ALLOWED_HOSTS to restrict it).")
        lines.append("  For production use `make serve` (gunicorn), not this server.")
        self.stdout.write(self.style.WARNING("\n".join(lines)))
