-- timelined schema, version 4: the spool's import ledger (docs/spool.md).

-- One row per spool file whose records were stored, written in the transaction that stored
-- them: a file is in the ledger exactly when its records are in the database. A daemon that
-- finds a file here after a crash moves it to processed/ without importing it again, which
-- matters for keyless records: each ingest of one creates a new event.
CREATE TABLE spool_imports (
    file_name    text NOT NULL,
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    imported_at  timestamptz NOT NULL,
    -- What the daemon writes to processed/NAME.receipt.json.
    receipt      jsonb NOT NULL,
    PRIMARY KEY (file_name, sha256)
);
