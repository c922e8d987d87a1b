import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CRM pipeline (docs/contracts/crm-pipeline.md): leads, opportunities and their status history. "At most one open
 * lead and one open opportunity per customer" is the partial unique indexes: open leads unique per
 * legal ID, open opportunities unique per CIF and per legal ID. The history is append-only.
 */
export class CrmPipeline1763725000000 implements MigrationInterface {
  name = 'CrmPipeline1763725000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE crm_leads (
        id uuid NOT NULL,
        status text NOT NULL,
        owner_id text NOT NULL,
        legal_id text NOT NULL,
        mobile_number text,
        full_name text,
        cif text,
        product text NOT NULL,
        channel text NOT NULL,
        converted_opportunity_id uuid,
        close_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT "PK_crm_leads" PRIMARY KEY (id),
        CONSTRAINT crm_leads_status_ck CHECK ("status" IN ('NEW_LEAD', 'CLOSE_WON', 'CLOSE_LOST'))
      )`);
    await q.query(`
      CREATE TABLE crm_opportunities (
        id uuid NOT NULL,
        status text NOT NULL,
        owner_id text NOT NULL,
        cif text NOT NULL,
        legal_id text,
        mobile_number text,
        full_name text,
        product text NOT NULL,
        channel text NOT NULL,
        lead_id uuid,
        close_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT "PK_crm_opportunities" PRIMARY KEY (id),
        CONSTRAINT crm_opportunities_status_ck CHECK ("status" IN ('NEW_OPPORTUNITY', 'CLOSE_WON', 'CLOSE_LOST')),
        CONSTRAINT crm_opportunities_lead_fk FOREIGN KEY (lead_id) REFERENCES crm_leads (id) ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await q.query(`
      ALTER TABLE crm_leads ADD CONSTRAINT crm_leads_converted_opportunity_fk
        FOREIGN KEY (converted_opportunity_id) REFERENCES crm_opportunities (id) ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await q.query(
      `CREATE UNIQUE INDEX crm_leads_open_legal_id_uq ON crm_leads (legal_id) WHERE "status" NOT IN ('CLOSE_WON', 'CLOSE_LOST')`,
    );
    await q.query(`CREATE INDEX crm_leads_legal_id_idx ON crm_leads (legal_id)`);
    await q.query(`CREATE INDEX crm_leads_owner_id_idx ON crm_leads (owner_id)`);
    await q.query(`CREATE INDEX crm_leads_created_at_idx ON crm_leads (created_at, id)`);

    await q.query(
      `CREATE UNIQUE INDEX crm_opportunities_open_cif_uq ON crm_opportunities (cif) WHERE "status" NOT IN ('CLOSE_WON', 'CLOSE_LOST')`,
    );
    await q.query(
      `CREATE UNIQUE INDEX crm_opportunities_open_legal_id_uq ON crm_opportunities (legal_id) WHERE "status" NOT IN ('CLOSE_WON', 'CLOSE_LOST')`,
    );
    await q.query(`CREATE INDEX crm_opportunities_cif_idx ON crm_opportunities (cif)`);
    await q.query(`CREATE INDEX crm_opportunities_legal_id_idx ON crm_opportunities (legal_id)`);
    await q.query(`CREATE INDEX crm_opportunities_owner_id_idx ON crm_opportunities (owner_id)`);
    await q.query(`CREATE INDEX crm_opportunities_lead_id_idx ON crm_opportunities (lead_id)`);
    await q.query(`CREATE INDEX crm_opportunities_created_at_idx ON crm_opportunities (created_at, id)`);

    await q.query(`
      CREATE TABLE crm_status_history (
        id bigint GENERATED ALWAYS AS IDENTITY,
        record_type text NOT NULL,
        record_id uuid NOT NULL,
        from_status text,
        to_status text NOT NULL,
        reason text,
        actor text NOT NULL,
        at timestamptz NOT NULL,
        CONSTRAINT "PK_crm_status_history" PRIMARY KEY (id),
        CONSTRAINT crm_status_history_record_type_ck CHECK ("record_type" IN ('LEAD', 'OPPORTUNITY'))
      )`);
    await q.query(`CREATE INDEX crm_status_history_record_idx ON crm_status_history (record_id, id)`);
    await q.query(`
      CREATE FUNCTION crm_status_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'crm_status_history is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER crm_status_history_no_change BEFORE UPDATE OR DELETE ON crm_status_history
      FOR EACH ROW EXECUTE FUNCTION crm_status_history_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE crm_status_history`);
    await q.query(`DROP FUNCTION crm_status_history_append_only()`);
    await q.query(`ALTER TABLE crm_leads DROP CONSTRAINT crm_leads_converted_opportunity_fk`);
    await q.query(`DROP TABLE crm_opportunities`);
    await q.query(`DROP TABLE crm_leads`);
  }
}
