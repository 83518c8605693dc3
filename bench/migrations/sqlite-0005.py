# Times SQLite migration 0005 on a v4 database of N appointments (1,000 per user, 300-byte blobs, text signatures),
# as MigrationRunner runs it: foreign keys off, one BEGIN IMMEDIATE transaction, WAL, synchronous FULL, foreign_key_check.
# Usage, from the repository: python3 bench/migrations/sqlite-0005.py 1e6 /work/bench-data/mig.sqlite "$PWD"
# (Python's own SQLite runs the SQL, not the one teosd ships with.)
import os, sqlite3, sys, time, glob
n = int(float(sys.argv[1])); path = sys.argv[2]; repo = sys.argv[3]
for f in glob.glob(path + '*'): os.remove(f)
db = sqlite3.connect(path, isolation_level=None)
db.execute('PRAGMA journal_mode = WAL'); db.execute('PRAGMA synchronous = FULL')
mig = sorted(glob.glob(repo + '/src/Storage/Sqlite/Migrations/*.sql'))
for m in mig[:4]:
    db.executescript('BEGIN;' + open(m).read() + ';COMMIT;')
users = [b'\x02' + os.urandom(32) for _ in range(max(1, n // 1000))]
db.execute('BEGIN')
db.executemany('INSERT INTO users VALUES (?, 10000, 100, 4420, 0)', [(u,) for u in users])
sig = 'd' + 'y' * 103
def rows():
    for i in range(n):
        yield (os.urandom(20), os.urandom(16), os.urandom(300), sig, users[i % len(users)])
db.executemany('INSERT INTO appointments VALUES (?, ?, ?, 42, ?, 100, ?, 0)', rows())
db.execute('COMMIT')
db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
before = os.path.getsize(path)
db.execute('PRAGMA foreign_keys = OFF')
start = time.monotonic()
db.executescript('BEGIN IMMEDIATE;' + open(mig[4]).read())
bad = db.execute('PRAGMA foreign_key_check').fetchall()
db.execute('COMMIT')
took = time.monotonic() - start
wal = os.path.getsize(path + '-wal') if os.path.exists(path + '-wal') else 0
print(f'sqlite {sqlite3.sqlite_version}: migration 0005 on {n} appointments: {took:.1f} s, broken references {len(bad)}, '
      f'file {before / 2**20:.0f} MiB before, WAL {wal / 2**20:.0f} MiB after commit')
