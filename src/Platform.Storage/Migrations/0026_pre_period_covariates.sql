-- Pre-period covariates (docs/measurement.md): each outcome row keeps what the user did before assignment, in the order of
-- the campaign's covariate names; lifts are adjusted by them. Live campaigns use the fixed pre-period names (no row here);
-- an imported experiment's names are its mapping's covariateColumns.
ALTER TABLE campaigns.outcomes ADD COLUMN covariates double precision[];

CREATE TABLE campaigns.covariate_names (
    tenant_id   text NOT NULL,
    campaign_id text NOT NULL,
    names       text[] NOT NULL,
    PRIMARY KEY (tenant_id, campaign_id)
);
