# Sourced by .ci/run: installs Redis and PostgreSQL from Debian packages when missing, starts one of
# each on loopback in a temporary directory, and exports REDIS_URL and POSTGRES_URL for the tests.
# Also usable by hand: `source .ci/services.sh` before `npm test`.

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -n "$(pg_bin_dir)" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

KEYWARD_SERVICES_DIR=$(mktemp -d)
chmod 755 "$KEYWARD_SERVICES_DIR"
REDIS_PORT=${REDIS_PORT:-6390}
PG_PORT=${PG_PORT:-5440}

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$KEYWARD_SERVICES_DIR" \
  --save '' --appendonly yes --logfile "$KEYWARD_SERVICES_DIR/redis.log" --pidfile "$KEYWARD_SERVICES_DIR/redis.pid"

PG_BIN=$(pg_bin_dir)
PG_DATA="$KEYWARD_SERVICES_DIR/pg"
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
mkdir -p "$PG_DATA"
[ "$(id -u)" -eq 0 ] && chown postgres "$PG_DATA" "$KEYWARD_SERVICES_DIR"
as_pg "'$PG_BIN/initdb' -D '$PG_DATA' -A trust -U postgres >/dev/null"
as_pg "'$PG_BIN/pg_ctl' -D '$PG_DATA' -w -l '$KEYWARD_SERVICES_DIR/pg.log' -o \"-p $PG_PORT -k '$KEYWARD_SERVICES_DIR' -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null"

for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
export POSTGRES_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
export KEYWARD_SERVICES_DIR PG_BIN PG_DATA

stop_services() {
  as_pg "'$PG_BIN/pg_ctl' -D '$PG_DATA' -m fast stop >/dev/null 2>&1" || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$KEYWARD_SERVICES_DIR"
}
echo "Redis on $REDIS_URL, PostgreSQL on $POSTGRES_URL"
