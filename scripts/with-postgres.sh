#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 server under /tmp, then stop and remove it.
# Usage: scripts/with-postgres.sh COMMAND [ARGS…]   (DATABASE_URL is set for the command)
set -euo pipefail

find_bin() {
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$dir/$1" ] && { echo "$dir/$1"; return; }
  done
  command -v "$1" || true
}

if [ -z "$(find_bin initdb)" ]; then
  echo "PostgreSQL is not installed: installing Debian's postgresql package…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
INITDB=$(find_bin initdb)
PG_CTL=$(find_bin pg_ctl)

PGDIR=$(mktemp -d /tmp/sightline-pg.XXXXXX)
PORT=${SIGHTLINE_PG_PORT:-25329}
RUN_AS=()
if [ "$(id -u)" = "0" ]; then
  # PostgreSQL refuses to run as root: run it as the postgres user.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$PGDIR"
  RUN_AS=(runuser -u postgres --)
fi

cleanup() {
  "${RUN_AS[@]}" "$PG_CTL" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap cleanup EXIT

"${RUN_AS[@]}" "$INITDB" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# The port may be taken: by another server, or, from 32768 up (Linux's range for outgoing
# connections), by a connection for a moment (seen once in CI). Try the next ports then.
for attempt in $(seq 1 10); do
  if "${RUN_AS[@]}" "$PG_CTL" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
    -o "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null; then
    break
  fi
  if [ "$attempt" = 10 ] || ! grep -q "could not bind\|could not create lock file\|Address already in use" "$PGDIR/server.log"; then
    echo "PostgreSQL did not start; its log:" >&2
    cat "$PGDIR/server.log" >&2
    exit 1
  fi
  echo "Port $PORT is in use: trying $((PORT + 1))" >&2
  PORT=$((PORT + 1))
done
echo "PostgreSQL $("${RUN_AS[@]}" "$PG_CTL" --version | awk '{print $3}') running on 127.0.0.1:$PORT (data in $PGDIR)"

"$(find_bin createdb)" -h 127.0.0.1 -p "$PORT" -U postgres sightline
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/sightline"
"$@"
