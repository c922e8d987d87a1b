import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NTB combo-create's common case in one round trip (issue 13): `crm_create_lead_unless_open` tries
 * the customer's advisory lock (the locking protocol's legal-ID key, computed by the caller; when
 * another command holds it, it answers "open opportunity" and the caller runs the full command),
 * each statement with a snapshot taken after the lock (PL/pgSQL in READ COMMITTED), reads the legal
 * ID's open lead and whether an open opportunity carries it; when neither exists it inserts the new
 * lead and its creation history row. It returns what it found; the service decides (the kernel's
 * decision table) and runs the full command whenever something is open and must change.
 */
export class CrmCreateLeadUnlessOpen1764600000000 implements MigrationInterface {
  name = 'CrmCreateLeadUnlessOpen1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION crm_create_lead_unless_open(
        p_lock_key text, p_id uuid, p_status text, p_owner_id text, p_legal_id text,
        p_mobile_number text, p_full_name text, p_product text, p_channel text, p_amount numeric,
        p_currency text, p_expected_close_date date, p_created_at timestamptz,
        p_history_reason text, p_actor text)
      RETURNS TABLE (inserted boolean, open_lead_id uuid, open_lead_owner_id text, open_lead_status text,
                     open_opportunity boolean)
      LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        found_lead crm_leads%ROWTYPE;
        found_opportunity boolean;
      BEGIN
        -- Never waits: a busy customer is left to the full command, which waits in its own
        -- transaction (a pooled connection is not held by a statement queued behind a lock).
        IF NOT pg_try_advisory_xact_lock(hashtextextended(p_lock_key, 0)) THEN
          RETURN QUERY SELECT false, NULL::uuid, NULL::text, NULL::text, true;
          RETURN;
        END IF;
        SELECT * INTO found_lead FROM crm_leads l
         WHERE l.legal_id = p_legal_id AND l.status NOT IN ('CLOSE_WON', 'CLOSE_LOST');
        found_opportunity := EXISTS (SELECT 1 FROM crm_opportunities o
         WHERE o.legal_id = p_legal_id AND o.status NOT IN ('CLOSE_WON', 'CLOSE_LOST'));
        IF found_lead.id IS NOT NULL OR found_opportunity THEN
          RETURN QUERY SELECT false, found_lead.id, found_lead.owner_id, found_lead.status, found_opportunity;
          RETURN;
        END IF;
        INSERT INTO crm_leads (id, status, owner_id, legal_id, mobile_number, full_name, cif, product, channel,
                               amount, currency, expected_close_date, converted_opportunity_id, close_reason,
                               created_at, updated_at)
        VALUES (p_id, p_status, p_owner_id, p_legal_id, p_mobile_number, p_full_name, NULL, p_product, p_channel,
                p_amount, p_currency, p_expected_close_date, NULL, NULL, p_created_at, p_created_at);
        INSERT INTO crm_status_history (record_type, record_id, from_status, to_status, reason, actor, at)
        VALUES ('LEAD', p_id, NULL, p_status, p_history_reason, p_actor, p_created_at);
        RETURN QUERY SELECT true, NULL::uuid, NULL::text, NULL::text, false;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION crm_create_lead_unless_open`);
  }
}
