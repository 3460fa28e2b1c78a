-- Named rule segments: a shopper belongs to a segment while the rule holds for it.
CREATE TABLE shoppers.segments (
    tenant_id  text        NOT NULL,
    name       text        NOT NULL,
    rule       jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT segments_pk PRIMARY KEY (tenant_id, name)
);
