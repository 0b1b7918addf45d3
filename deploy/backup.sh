#!/bin/sh
# Nightly backup: the portable kehoach backup (every table and the uploaded files in one
# .tar.gz, readable by SQLite and PostgreSQL, with per-table counts and checksums that
# `kehoach restore` checks) and, on PostgreSQL, a pg_dump in custom format. Keeps KEEP_DAYS days
# (default 30) in BACKUP_DIR.
set -eu
BACKUP_DIR="${BACKUP_DIR:-/var/backups/kehoach}"
KEEP_DAYS="${KEEP_DAYS:-30}"
STAMP="$(date +%Y%m%d-%H%M)"
mkdir -p "$BACKUP_DIR"
/opt/kehoach/.venv/bin/kehoach backup --out "$BACKUP_DIR/kehoach-$STAMP.tar.gz"
case "${DATABASE_URL:-}" in
  postgres*) pg_dump --format=custom --file="$BACKUP_DIR/kehoach-$STAMP.pgdump" "$DATABASE_URL" ;;
esac
find "$BACKUP_DIR" -name 'kehoach-*' -mtime +"$KEEP_DAYS" -delete
