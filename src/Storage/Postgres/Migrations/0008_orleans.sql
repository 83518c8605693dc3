-- Teos schema v8 (PostgreSQL): what Orleans' ADO.NET providers (Invariant "Npgsql") read and write when silos share
-- the database: grain state (Persistence.AdoNet), cluster membership (Clustering.AdoNet) and reminders
-- (Reminders.AdoNet). Written for Teos, not copied from Orleans' scripts; the contract is what the providers send and
-- read: the table OrleansQuery, read once at silo start, maps each query key to its text; the parameters (@Name)
-- and the result columns' names are the providers' (unquoted, so PostgreSQL lowercases them and the providers find
-- them by name regardless of case); writes answer the number of rows they changed or the new version.
-- Differences from the stock scripts: plain statements instead of functions, and a unique key on the grain
-- identity of stored state, so that two racing first writes of one grain cannot both insert: the loser inserts
-- nothing, answers no version, and the provider raises its version conflict (InconsistentStateException).

CREATE TABLE OrleansQuery (
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- Grain state. grain_type is the provider's state name; grain_key the key's string part ('' when the key has
-- none, as integer keys); n0 and n1 the numeric parts (0 for string keys). version is the ETag.
CREATE TABLE orleans_storage (
    service_id  text        NOT NULL,
    grain_type  text        NOT NULL,
    grain_id_n0 bigint      NOT NULL,
    grain_id_n1 bigint      NOT NULL,
    grain_key   text        NOT NULL,
    version     integer     NOT NULL,
    modified_on timestamptz NOT NULL,
    payload     bytea,
    CONSTRAINT orleans_storage_grain PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_key)
);

-- Cluster membership: one version row per deployment (the table's optimistic-concurrency token) and one row per
-- silo incarnation (address, port, generation). Every change to a silo row moves the version in the same statement.
CREATE TABLE orleans_membership_version (
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orleans_membership (
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id),
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Reminders, found by grain and by ranges of the grain's hash (each silo reads its share of the ring).
CREATE TABLE orleans_reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX orleans_reminders_grain_hash ON orleans_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
SELECT payload AS PayloadBinary, modified_on AS ModifiedOn, version AS Version
FROM orleans_storage
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_key = coalesce(@GrainIdExtensionString, '')
$q$),
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_storage SET payload = @PayloadBinary, version = version + 1, modified_on = now()
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_key = coalesce(@GrainIdExtensionString, '') AND version = @GrainStateVersion
    RETURNING version),
inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_id_n0, grain_id_n1, grain_key, version, modified_on, payload)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''), 1, now(), @PayloadBinary
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_storage_grain DO NOTHING
    RETURNING version)
SELECT version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT version FROM inserted
$q$),
('ClearStorageKey', $q$
UPDATE orleans_storage SET payload = NULL, version = version + 1, modified_on = now()
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_key = coalesce(@GrainIdExtensionString, '') AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion
$q$),
('DeleteStorageKey', $q$
DELETE FROM orleans_storage
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_key = coalesce(@GrainIdExtensionString, '') AND version = @GrainStateVersion
RETURNING version + 1 AS NewGrainStateVersion
$q$),
('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM inserted
$q$),
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
    RETURNING deployment_id),
inserted AS (
    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    ON CONFLICT (deployment_id, address, port, generation) DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM inserted
$q$),
('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
    RETURNING deployment_id),
updated AS (
    UPDATE orleans_membership m SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped b
    WHERE m.deployment_id = b.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT count(*)::integer FROM updated
$q$),
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),
('MembershipReadRowKey', $q$
SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
    AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),
('MembershipReadAllKey', $q$
SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),
('DeleteMembershipTableEntriesKey', $q$
WITH silos AS (DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId)
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),
('GatewaysQueryKey', $q$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3
$q$),
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
    start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
    version = orleans_reminders.version + 1
RETURNING version AS Version
$q$),
('ReadReminderRowsKey', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),
('ReadReminderRowKey', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),
('ReadRangeRows1Key', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),
('ReadRangeRows2Key', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1)
SELECT count(*)::integer FROM deleted
$q$),
('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$);
