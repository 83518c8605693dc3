-- Teos schema v7 (PostgreSQL): the tower's state moves onto Orleans grains (issue 19, DESIGN-19 section 2); the
-- same changes as SQLite's migration 0006, in place where PostgreSQL allows it, so a large database upgrades
-- without copying its appointments (added columns with a default are not written into existing rows).
--   * Every user and appointment row carries its tower (0 = the default tower): users unique per (tower, user_id),
--     appointments keyed by (tower, uuid).
--   * users: slot_allowance (slots granted minus slots burned) starts as the available slots and deletion_height
--     at 0; the upgrade's C# step (LegacyUserUpgrade) adds the slots of each user's stored blobs and computes the
--     deletion height with the rule functions. available_slots goes: used slots are derived from the rows.
--   * appointments.triggered: set for rows with a legacy tracker. One partial locator index per profile over the
--     watched rows serves bucket loading as an index-only scan; a small partial index lists the triggered rows.
--   * Legacy trackers and the tip become grain state (LegacyStateImport copies them at silo start and empties
--     these tables); the trackers lose their reference to the old appointments key.
--   * teos_settings records the locator bucket width the silo must agree with.

ALTER TABLE users ADD COLUMN tower smallint NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN slot_allowance bigint;
ALTER TABLE users ADD COLUMN deletion_height bigint NOT NULL DEFAULT 0;
UPDATE users SET slot_allowance = available_slots;
ALTER TABLE users ALTER COLUMN slot_allowance SET NOT NULL;
ALTER TABLE users DROP COLUMN available_slots;
ALTER TABLE users DROP CONSTRAINT users_pkey;
ALTER TABLE users ADD CONSTRAINT users_tower_user_id UNIQUE (tower, user_id);
DROP INDEX users_subscription_expiry;
CREATE INDEX users_deletion_height ON users (tower, deletion_height);

ALTER TABLE trackers DROP CONSTRAINT trackers_uuid_fkey;
ALTER TABLE trackers RENAME TO legacy_trackers;
ALTER TABLE chain_tip RENAME TO legacy_chain_tip;

ALTER TABLE appointments ADD COLUMN tower smallint NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN triggered boolean NOT NULL DEFAULT false;
UPDATE appointments a SET triggered = true FROM legacy_trackers t WHERE t.uuid = a.uuid;
ALTER TABLE appointments DROP CONSTRAINT appointments_pkey;
ALTER TABLE appointments ADD CONSTRAINT appointments_pkey PRIMARY KEY (tower, uuid);
DROP INDEX appointments_rust_locator;
DROP INDEX appointments_python_locator;
CREATE INDEX appointments_rust_locator ON appointments (tower, locator) WHERE profile = 0 AND NOT triggered;
CREATE INDEX appointments_python_locator ON appointments (tower, locator) WHERE profile = 1 AND NOT triggered;
CREATE INDEX appointments_triggered ON appointments (tower, uuid) WHERE triggered;

CREATE TABLE teos_settings (
    key   text   NOT NULL PRIMARY KEY,
    value bigint NOT NULL
);

INSERT INTO teos_settings (key, value) VALUES ('bucket_bits', 10);
