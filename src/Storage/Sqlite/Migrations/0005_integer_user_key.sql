-- Teos schema v5 (SQLite): an appointment names its owner by an integer key (a varint of 1-3 bytes for most
-- towers) instead of the 33-byte public key, in its row and in the owner index: about 60 bytes less per
-- appointment, and a shorter owner index to write on every add_appointment.
-- users becomes a rowid table whose rowid is that key; the public key keeps a unique index for lookups.
-- Tables are rebuilt (SQLite cannot change a column's references in place). The runner has foreign keys off for
-- this, so dropping the old tables cascades nothing, and checks every reference before committing.

CREATE TABLE users_v5 (
    user_key            INTEGER PRIMARY KEY,
    user_id             BLOB    NOT NULL UNIQUE,
    available_slots     INTEGER NOT NULL,
    subscription_start  INTEGER NOT NULL,
    subscription_expiry INTEGER NOT NULL,
    profile             INTEGER NOT NULL
);

INSERT INTO users_v5 (user_id, available_slots, subscription_start, subscription_expiry, profile)
SELECT user_id, available_slots, subscription_start, subscription_expiry, profile FROM users ORDER BY user_id;

CREATE TABLE appointments_v5 (
    uuid           BLOB    NOT NULL PRIMARY KEY,
    locator        BLOB    NOT NULL,
    encrypted_blob BLOB    NOT NULL,
    to_self_delay  INTEGER NOT NULL,
    user_signature TEXT    NOT NULL,
    start_block    INTEGER NOT NULL,
    user_key       INTEGER NOT NULL REFERENCES users (user_key) ON DELETE CASCADE,
    profile        INTEGER NOT NULL
);

INSERT INTO appointments_v5 (uuid, locator, encrypted_blob, to_self_delay, user_signature, start_block, user_key, profile)
SELECT a.uuid, a.locator, a.encrypted_blob, a.to_self_delay, a.user_signature, a.start_block, u.user_key, a.profile
FROM appointments a JOIN users_v5 u ON u.user_id = a.user_id
ORDER BY a.rowid;

-- The new tables take the old names; trackers' foreign key names "appointments" and finds the new one.
DROP TABLE appointments;
DROP TABLE users;
ALTER TABLE users_v5 RENAME TO users;
ALTER TABLE appointments_v5 RENAME TO appointments;

CREATE INDEX appointments_rust_locator ON appointments (locator) WHERE profile = 0;
CREATE INDEX appointments_python_locator ON appointments (locator) WHERE profile = 1;
CREATE INDEX appointments_user_key ON appointments (user_key);
