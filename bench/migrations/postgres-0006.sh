#!/bin/bash
# Times PostgreSQL migration 0006 on a v5 database of N appointments (1,000 per user, 300-byte blobs, text
# signatures), in one transaction as MigrationRunner runs it, on a durable server (fsync on) like the bench's.
# Usage, from the repository: bench/migrations/postgres-0006.sh 1000000 "$PWD"   (as root; KEEP=1 leaves the server
# running on port 55439 for psql experiments, data under /work/bench-data/pgmig)
set -euo pipefail
N=$1; REPO=$2; D=/work/bench-data/pgmig; BIN=/usr/lib/postgresql/15/bin; PORT=55439
rm -rf $D; mkdir -p $D; chown postgres $D
runuser -u postgres -- $BIN/initdb -D $D/data -A trust -U postgres >/dev/null
runuser -u postgres -- $BIN/pg_ctl -D $D/data -o "-p $PORT -k /tmp -c shared_buffers=1GB -c max_wal_size=8GB" -l $D/log -w start >/dev/null
[ -n "${KEEP:-}" ] || trap "runuser -u postgres -- $BIN/pg_ctl -D $D/data -m fast stop >/dev/null; rm -rf $D" EXIT
P="$BIN/psql -h /tmp -p $PORT -U postgres -v ON_ERROR_STOP=1 -q"
for m in 0001 0002 0003 0004 0005; do $P -f $REPO/src/Storage/Postgres/Migrations/${m}_*.sql; done
U=$(( N / 1000 > 0 ? N / 1000 : 1 ))
$P -c "INSERT INTO users SELECT '\x02'::bytea || sha256(int4send(i)), 10000, 100, 4420, 0 FROM generate_series(1, $U) i"
$P -c "INSERT INTO appointments (to_self_delay, start_block, profile, locator, uuid, user_id, encrypted_blob, user_signature)
       SELECT 42, 100, 0, substr(sha256(int8send(i)), 1, 16), substr(sha256(int8send(-i)), 1, 20),
              '\x02'::bytea || sha256(int4send((i % $U + 1)::int)),
              decode(repeat(md5(i::text), 10) || substr(md5((-i)::text), 1, 24), 'hex') || sha256(int8send(i)) || sha256(int8send(i + 1)) || sha256(int8send(i + 2)) || sha256(int8send(i + 3)),
              'd' || repeat('y', 103)
       FROM generate_series(1, $N) i"
$P -c "VACUUM ANALYZE" -c "CHECKPOINT"
SIZE=$($P -At -c "SELECT pg_database_size(current_database()) / 1048576")
START=$(date +%s.%N)
$P -c "BEGIN" -f $REPO/src/Storage/Postgres/Migrations/0006_compact_appointments.sql -c "COMMIT"
END=$(date +%s.%N)
AFTER=$($P -At -c "SELECT pg_database_size(current_database()) / 1048576")
echo "postgres 15: migration 0006 on $N appointments: $(python3 -c "print(round($END - $START, 1))") s, database $SIZE MiB before, $AFTER MiB after"
