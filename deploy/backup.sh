#!/usr/bin/env bash
# Back up the portal: the database (pg_dump, custom format), the uploaded files (FILES_ROOT)
# and the public image sizes (MEDIA_ROOT).
#
#   deploy/backup.sh [DESTINATION]      default /var/backups/portal
#
# Reads DATABASE_URL, FILES_ROOT and MEDIA_ROOT from the environment (the systemd unit loads
# /etc/portal/portal.env). Writes DESTINATION/<date-time>/{portal.dump,files.tar.gz,media.tar.gz,SHA256SUMS}
# and removes backups older than BACKUP_KEEP_DAYS (default 14). The search index is not backed
# up: it is rebuilt from the database after a restore (deploy/README.md, "Restore").
# The encryption keys (APPLICATIONS_ENCRYPTION_KEYS) are NOT in the backup: keep a copy of
# /etc/portal/portal.env somewhere safe, apart from the backups, or the restored personal
# data cannot be read.
set -euo pipefail
umask 077

destination=${1:-/var/backups/portal}
keep_days=${BACKUP_KEEP_DAYS:-14}
: "${DATABASE_URL:?DATABASE_URL is not set}"
: "${FILES_ROOT:?FILES_ROOT is not set}"
: "${MEDIA_ROOT:?MEDIA_ROOT is not set}"

stamp=$(date +%Y%m%d-%H%M%S)
target="$destination/$stamp"
mkdir -p "$target"
pg_dump --format=custom --no-owner --no-privileges --file "$target/portal.dump" "$DATABASE_URL"
tar --create --gzip --file "$target/files.tar.gz" --directory "$FILES_ROOT" .
tar --create --gzip --file "$target/media.tar.gz" --directory "$MEDIA_ROOT" .
(cd "$target" && sha256sum portal.dump files.tar.gz media.tar.gz > SHA256SUMS)
find "$destination" -mindepth 1 -maxdepth 1 -type d -mtime "+$keep_days" -exec rm -rf {} +
echo "backup written to $target"
