"""WSGI entry point. Production servers set DJANGO_SETTINGS_MODULE=config.settings.prod.

Once the application is loaded, the garbage collector is settled for serving (``collector``:
the loaded objects frozen, young objects collected less often); gunicorn imports this module
before forking its workers.
"""

import os

from django.core.wsgi import get_wsgi_application

from config.collector import settle

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

application = get_wsgi_application()
settle()
