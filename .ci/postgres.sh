#!/usr/bin/env bash
# Install (if needed) and start a local PostgreSQL server for the store tests, then
# create the test role and database. Idempotent: safe to run any number of times.
#
#   bash .ci/postgres.sh                 # prints the URL
#   source .ci/postgres.sh               # also exports TANON_TEST_POSTGRES_URL
#
# No systemd here: the cluster is driven with pg_ctlcluster as root (Debian's wrapper
# runs the server as the postgres user). The tests fall back to the same default URL
# when TANON_TEST_POSTGRES_URL is unset, so `bash` (not `source`) is enough for CI.
#
# Everything that can fail runs in a subshell with strict mode, so `source` does not
# leave `set -e` behind in the caller's shell.

PG_PORT="${TANON_PG_PORT:-5432}"
PG_USER="${TANON_PG_USER:-tanon}"
PG_PASSWORD="${TANON_PG_PASSWORD:-tanon}"
PG_DB="${TANON_PG_DB:-tanon_test}"

_tanon_postgres_setup() (
    set -euo pipefail

    log() { echo "[postgres.sh] $*" >&2; }

    if ! [[ "$PG_PORT" =~ ^[0-9]+$ ]]; then
        log "TANON_PG_PORT must be a number"
        return 2
    fi

    if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        log "installing the postgresql package"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq postgresql >/dev/null
    fi

    PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
    CLUSTER="main"

    # A fresh install normally creates the cluster; create it if it is missing.
    if ! pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1==v && $2==c {found=1} END {exit !found}'; then
        log "creating cluster $PG_VERSION/$CLUSTER"
        pg_createcluster "$PG_VERSION" "$CLUSTER" --port "$PG_PORT" >/dev/null
    fi

    # Listen on loopback TCP at the agreed port whatever the cluster was created with.
    # A conf.d drop-in (included by Debian's postgresql.conf) overrides the main file.
    conf_dir="/etc/postgresql/$PG_VERSION/$CLUSTER/conf.d"
    mkdir -p "$conf_dir"
    desired_conf="$(printf "port = %s\nlisten_addresses = '127.0.0.1'\n" "$PG_PORT")"
    if [ "$(cat "$conf_dir/tanon-test.conf" 2>/dev/null)" != "$desired_conf" ]; then
        printf '%s\n' "$desired_conf" > "$conf_dir/tanon-test.conf"
        # A running server must restart to pick up a new port/listen address.
        if pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1==v && $2==c && $4=="online" {found=1} END {exit !found}'; then
            pg_ctlcluster "$PG_VERSION" "$CLUSTER" restart
        fi
    fi

    status="$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}')"
    if [ "$status" != "online" ]; then
        log "starting cluster $PG_VERSION/$CLUSTER on port $PG_PORT"
        # A stale pid file from a killed server would block the start.
        pid_file="/var/lib/postgresql/$PG_VERSION/$CLUSTER/postmaster.pid"
        if [ -f "$pid_file" ] && ! kill -0 "$(head -n 1 "$pid_file")" 2>/dev/null; then
            rm -f "$pid_file"
        fi
        pg_ctlcluster "$PG_VERSION" "$CLUSTER" start
    fi

    for _ in $(seq 1 60); do
        if su postgres -c "psql -p $PG_PORT -tAc 'select 1'" >/dev/null 2>&1; then
            break
        fi
        sleep 0.5
    done

    psql_admin() { su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -tAc \"$1\""; }

    if [ "$(psql_admin "select 1 from pg_roles where rolname = '$PG_USER'")" != "1" ]; then
        log "creating role $PG_USER"
        psql_admin "create role $PG_USER login password '$PG_PASSWORD'" >/dev/null
    else
        psql_admin "alter role $PG_USER login password '$PG_PASSWORD'" >/dev/null
    fi

    if [ "$(psql_admin "select 1 from pg_database where datname = '$PG_DB'")" != "1" ]; then
        log "creating database $PG_DB"
        psql_admin "create database $PG_DB owner $PG_USER" >/dev/null
    fi
)

# Not called in an `||` list: that would switch `set -e` off inside the function.
_tanon_postgres_setup
_tanon_postgres_status=$?
if [ "$_tanon_postgres_status" -ne 0 ]; then
    echo "[postgres.sh] PostgreSQL setup failed (exit $_tanon_postgres_status)" >&2
    return "$_tanon_postgres_status" 2>/dev/null || exit "$_tanon_postgres_status"
fi

TANON_TEST_POSTGRES_URL="postgresql+psycopg://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
export TANON_TEST_POSTGRES_URL
echo "TANON_TEST_POSTGRES_URL=$TANON_TEST_POSTGRES_URL"
