#!/usr/bin/env bash
# Build the archive that bench/wrk_bench.py and bench/page_cost.py measure (issue 13): 10,000
# generated articles (seed 5), SQLite, migrated, sources loaded, static files collected, and
# ingested and indexed by the real `ingest` under production settings.
#
#     bash bench/build_wrk_archive.sh DIR        # DIR/data is the CLIPPINGS_DATA_DIR, DIR/files the raw articles
#
# Then: .venv/bin/python bench/wrk_bench.py --data DIR/data --duration 60s
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: build_wrk_archive.sh DIR}"
mkdir -p "$out/data"
export DJANGO_SETTINGS_MODULE=config.settings.prod
export SECRET_KEY='k2#Vq9!mZ7@pL4&tR8*wX1^bN6%hJ3(eD5)sF0-gAk2#Vq9'
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 CLIPPINGS_DATA_DIR="$out/data"
unset DATABASE_URL DEBUG
py=.venv/bin/python
[ -d "$out/files" ] || $py bench/generate.py "$out/files" --count 10000 --seed 5
$py manage.py migrate --verbosity 0
$py manage.py load_sources
$py manage.py collectstatic --noinput --verbosity 0
$py manage.py ingest "$out/files" --verbosity 0
