import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Financial segments: the referential integrity of `seg_segment_members` is checked once per
 * statement instead of once per row (issue 13).
 *
 * Why: an evaluation writes up to every user's membership of one segment in one statement. The two
 * foreign keys (to `seg_segments` and `seg_users`) each ran a trigger per inserted row (an index
 * look-up and a row lock on the parent through SPI): at 1M users about half the time of an
 * evaluation. A DEFERRABLE foreign key would not help (PostgreSQL still checks it row by row, only
 * later), and dropping the keys outright would let a membership outlive its user, i.e. personal
 * data survive an erasure. So the same rules are kept, set-based:
 *
 * - every statement that inserts memberships checks, once, that all the rows it added name an
 *   existing segment and an existing user (an AFTER INSERT ... FOR EACH STATEMENT trigger over the
 *   rows added, raising SQLSTATE 23503 `foreign_key_violation` like the foreign key did);
 * - the key columns are immutable (memberships are deleted and inserted, never re-pointed), so an
 *   UPDATE needs no check; a row trigger refuses an UPDATE of `segment_id` or `user_id` (it fires
 *   only when those columns are set, so updating a member's figures costs nothing);
 * - deleting (or truncating) segments or users deletes their memberships, as ON DELETE CASCADE did,
 *   once per statement over the rows deleted.
 *
 * Concurrency (what the foreign key's row locks gave): a statement adding memberships takes a
 * shared transaction-level advisory lock before its check, and a deletion of segments or users
 * takes the same lock exclusively before deleting their memberships; both hold it until commit.
 * So either the deletion waits for the adding transaction to commit and then (a fresh snapshot, READ
 * COMMITTED as the hub's transactions run) deletes what it added, or the adding statement waits for
 * the deletion to commit and its check fails: no membership can outlive its segment or user. Writers
 * that add memberships for a user while a segment is evaluated (the report build) lock the
 * segments FOR KEY SHARE first, as the foreign key used to, so they wait for the evaluation.
 */
const LOCK = `hashtextextended('seg_segment_members:parents', 0)`;

export class FinancialSegmentsMembersSetBasedIntegrity1764310500000 implements MigrationInterface {
  name = 'FinancialSegmentsMembersSetBasedIntegrity1764310500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE seg_segment_members DROP CONSTRAINT seg_segment_members_segment_fk`);
    await q.query(`ALTER TABLE seg_segment_members DROP CONSTRAINT seg_segment_members_user_fk`);

    await q.query(`
      CREATE FUNCTION seg_segment_members_check_parents() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(${LOCK});
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
      END $$`);
    await q.query(`
      CREATE TRIGGER seg_segment_members_check_parents AFTER INSERT ON seg_segment_members
        REFERENCING NEW TABLE AS seg_segment_members_added
        FOR EACH STATEMENT EXECUTE FUNCTION seg_segment_members_check_parents()`);

    await q.query(`
      CREATE FUNCTION seg_segment_members_keys_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'seg_segment_members: segment_id and user_id are never updated (delete and insert)'
          USING ERRCODE = 'foreign_key_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER seg_segment_members_keys_immutable BEFORE UPDATE OF segment_id, user_id ON seg_segment_members
        FOR EACH ROW WHEN (OLD.segment_id IS DISTINCT FROM NEW.segment_id OR OLD.user_id IS DISTINCT FROM NEW.user_id)
        EXECUTE FUNCTION seg_segment_members_keys_immutable()`);

    for (const [parent, column] of [
      ['seg_segments', 'segment_id'],
      ['seg_users', 'user_id'],
    ]) {
      await q.query(`
        CREATE FUNCTION ${parent}_delete_members() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_advisory_xact_lock(${LOCK});
          DELETE FROM seg_segment_members m USING ${parent}_removed p WHERE m.${column} = p.id;
          RETURN NULL;
        END $$`);
      await q.query(`
        CREATE TRIGGER ${parent}_delete_members AFTER DELETE ON ${parent}
          REFERENCING OLD TABLE AS ${parent}_removed
          FOR EACH STATEMENT EXECUTE FUNCTION ${parent}_delete_members()`);
      await q.query(`
        CREATE FUNCTION ${parent}_truncate_members() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_advisory_xact_lock(${LOCK});
          DELETE FROM seg_segment_members;
          RETURN NULL;
        END $$`);
      await q.query(`
        CREATE TRIGGER ${parent}_truncate_members AFTER TRUNCATE ON ${parent}
          FOR EACH STATEMENT EXECUTE FUNCTION ${parent}_truncate_members()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const parent of ['seg_users', 'seg_segments']) {
      await q.query(`DROP TRIGGER ${parent}_truncate_members ON ${parent}`);
      await q.query(`DROP FUNCTION ${parent}_truncate_members()`);
      await q.query(`DROP TRIGGER ${parent}_delete_members ON ${parent}`);
      await q.query(`DROP FUNCTION ${parent}_delete_members()`);
    }
    await q.query(`DROP TRIGGER seg_segment_members_keys_immutable ON seg_segment_members`);
    await q.query(`DROP FUNCTION seg_segment_members_keys_immutable()`);
    await q.query(`DROP TRIGGER seg_segment_members_check_parents ON seg_segment_members`);
    await q.query(`DROP FUNCTION seg_segment_members_check_parents()`);
    await q.query(`
      ALTER TABLE seg_segment_members
        ADD CONSTRAINT seg_segment_members_segment_fk FOREIGN KEY (segment_id) REFERENCES seg_segments (id) ON DELETE CASCADE ON UPDATE NO ACTION,
        ADD CONSTRAINT seg_segment_members_user_fk FOREIGN KEY (user_id) REFERENCES seg_users (id) ON DELETE CASCADE ON UPDATE NO ACTION`);
  }
}
