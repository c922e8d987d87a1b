import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Financial segments: a segment evaluation no longer re-reads every user it added (issue 13).
 *
 * The statement-level check of `seg_segment_members` (migration 1764310500000) looked up every
 * added row's user: at 1M users a first evaluation adds ~200,000 memberships, and the check
 * scanned all users once more (about a third of the evaluation). An evaluation needs no such
 * check, because it holds what the check verifies:
 *
 * - it takes the parents' advisory lock (shared) in a statement of its own, BEFORE its evaluation
 *   statement, whose snapshot (READ COMMITTED) is therefore taken after the lock: every deletion
 *   of users either committed before that snapshot (the evaluation does not see those users) or
 *   waits for the evaluation to commit and then deletes what it added;
 * - it adds only users it read in that snapshot (joined with seg_users), to the segment whose row
 *   it holds FOR UPDATE (a deletion of the segment waits for it).
 *
 * So for the duration of its statement it sets `seg.members_parents_held` to `on` (transaction
 * scope), and the check, which still takes the lock, skips its look-ups when it is set. Every other
 * insert is checked as before.
 */
const LOCK = `hashtextextended('seg_segment_members:parents', 0)`;

function checkParents(skipWhenHeld: boolean): string {
  return `
      CREATE OR REPLACE FUNCTION seg_segment_members_check_parents() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(${LOCK});${
          skipWhenHeld
            ? `
        IF current_setting('seg.members_parents_held', true) = 'on' THEN
          RETURN NULL;
        END IF;`
            : ''
        }
        IF EXISTS (SELECT 1 FROM seg_segment_members_added a
                   WHERE NOT EXISTS (SELECT 1 FROM seg_segments s WHERE s.id = a.segment_id)) THEN
          RAISE EXCEPTION 'insert into seg_segment_members: a segment it names does not exist'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'seg_segment_members_segment_fk';
        END IF;
        IF EXISTS (SELECT 1 FROM seg_segment_members_added a
                   WHERE NOT EXISTS (SELECT 1 FROM seg_users u WHERE u.id = a.user_id)) THEN
          RAISE EXCEPTION 'insert into seg_segment_members: a user it names does not exist'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'seg_segment_members_user_fk';
        END IF;
        RETURN NULL;
      END $$`;
}

export class FinancialSegmentsEvaluationHoldsParents1764700000000 implements MigrationInterface {
  name = 'FinancialSegmentsEvaluationHoldsParents1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(checkParents(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(checkParents(false));
  }
}
