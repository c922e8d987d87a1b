import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The age of the ODS data and its quality flags, per CIF:
 * - `extracted_at`: when the ODS extracted the snapshot (the feed's `extractedAt`). NULL for rows
 *   loaded before the feed carried it: their `loaded_at` stands in for it, and the summary says so.
 * - `quality_flags`: the data-quality codes of the CIF (CCCD digits against the date of birth and
 *   gender; a legal ID or mobile shared with another open CIF), kept current by every load.
 * Existing rows get their flags computed here, with the same rules.
 */
export class OdsDataAgeAndQuality1764016160000 implements MigrationInterface {
  name = 'OdsDataAgeAndQuality1764016160000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ods_customers ADD COLUMN extracted_at timestamptz`);
    await q.query(`ALTER TABLE ods_customers ADD COLUMN quality_flags text[] NOT NULL DEFAULT '{}'`);
    // CCCD: digit 4 = century and gender (even: male; 0/1 = 1900s, 2/3 = 2000s, ...), digits 5-6 = year.
    await q.query(`
      WITH cccd AS (
        SELECT l.cif,
               1900 + (substr(l.number, 4, 1)::int / 2) * 100 + substr(l.number, 5, 2)::int AS birth_year,
               CASE WHEN substr(l.number, 4, 1)::int % 2 = 0 THEN 'M' ELSE 'F' END AS gender
          FROM ods_customer_legal_ids l
         WHERE l.type = 'CCCD' AND l.number ~ '^[0-9]{12}$'
      ), flags AS (
        SELECT c.cif,
               bool_or(c.date_of_birth IS NOT NULL AND extract(year FROM c.date_of_birth)::int <> x.birth_year) AS year_mismatch,
               bool_or(c.gender IN ('M', 'F') AND c.gender <> x.gender) AS gender_mismatch
          FROM ods_customers c JOIN cccd x ON x.cif = c.cif
         GROUP BY c.cif
      )
      UPDATE ods_customers c
         SET quality_flags = CASE WHEN f.year_mismatch THEN '{CCCD_BIRTH_YEAR_MISMATCH}'::text[] ELSE '{}' END
                          || CASE WHEN f.gender_mismatch THEN '{CCCD_GENDER_MISMATCH}'::text[] ELSE '{}' END
        FROM flags f
       WHERE f.cif = c.cif AND (f.year_mismatch OR f.gender_mismatch)`);
    await q.query(`
      UPDATE ods_customers c
         SET quality_flags = c.quality_flags
               || CASE WHEN EXISTS (
                    SELECT 1 FROM ods_customer_legal_ids l
                      JOIN ods_customer_legal_ids l2 ON l2.number = l.number AND l2.cif <> l.cif
                      JOIN ods_customers c2 ON c2.cif = l2.cif AND c2.status <> 'CLOSED'
                     WHERE l.cif = c.cif) THEN '{SHARED_LEGAL_ID}'::text[] ELSE '{}' END
               || CASE WHEN EXISTS (
                    SELECT 1 FROM ods_customer_mobiles m
                      JOIN ods_customer_mobiles m2 ON m2.e164 = m.e164 AND m2.cif <> m.cif
                      JOIN ods_customers c2 ON c2.cif = m2.cif AND c2.status <> 'CLOSED'
                     WHERE m.cif = c.cif) THEN '{SHARED_MOBILE_NUMBER}'::text[] ELSE '{}' END
       WHERE c.status <> 'CLOSED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ods_customers DROP COLUMN quality_flags`);
    await q.query(`ALTER TABLE ods_customers DROP COLUMN extracted_at`);
  }
}
