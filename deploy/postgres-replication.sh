#!/bin/sh
# The primary's side of the optional read replica (docker-compose's db-replica):
# a role allowed to stream the primary's changes. The postgres image runs this
# once, when it creates an empty data directory.
set -eu

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v password="${REPLICATION_PASSWORD:-replicator}" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SQL
echo "host replication replicator all scram-sha-256" >>"$PGDATA/pg_hba.conf"
