import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL event store: streams, events and the append function (docs/adr/0001-event-store-port.md,
 * docs/architecture.md §3).
 *
 * `$all` order is `(transaction_id, global_position)`, not `global_position` alone: an identity value is taken at
 * insert but becomes visible at commit, so a reader ordering by it alone skips the events of a transaction that
 * took a lower value and committed later. Readers only take events of transactions older than the oldest one still
 * running (`pg_snapshot_xmin`), and every later commit carries a higher transaction id than those.
 */
export class CreateEventStore1764115200000 implements MigrationInterface {
  name = 'CreateEventStore1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE es_streams (
        stream_id     text   PRIMARY KEY,
        -- Revision of the stream's last event, 0-based as in EventStoreDB.
        last_revision bigint NOT NULL CHECK (last_revision >= 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE es_events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- The writing transaction (top level, 64-bit: never wraps). With global_position it is the $all position.
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text        NOT NULL,
        stream_revision bigint      NOT NULL CHECK (stream_revision >= 0),
        event_id        uuid        NOT NULL,
        event_type      text        NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL DEFAULT '{}',
        created         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT es_events_stream_revision_key UNIQUE (stream_id, stream_revision),
        CONSTRAINT es_events_stream_event_id_key UNIQUE (stream_id, event_id)
      )`);
    // $all reads and subscriptions walk this index with a keyset on (transaction_id, global_position).
    await queryRunner.query(`CREATE INDEX es_events_all_order ON es_events (transaction_id, global_position)`);

    // One round trip per append. Errors use our own SQLSTATEs, which the adapter maps to the port's errors:
    //   ESWEV wrong expected version (DETAIL: the actual revision or 'no_stream'),
    //   ESXID called after the transaction had already written something (see below).
    await queryRunner.query(`
      CREATE FUNCTION es_append_to_stream(
        p_stream_id         text,
        p_expected_kind     text,   -- 'any' | 'no_stream' | 'stream_exists' | 'exact'
        p_expected_revision bigint, -- for 'exact' only
        p_event_ids         uuid[],
        p_event_types       text[],
        p_data              jsonb[],
        p_metadata          jsonb[]
      ) RETURNS TABLE (next_revision bigint, commit_position xid8, prepare_position bigint)
      LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        v_count    integer := cardinality(p_event_ids);
        v_current  bigint;  -- revision of the stream's last event; NULL: no stream
        v_expected bigint;
        v_found    integer;
        v_last     bigint;
      BEGIN
        -- The stream's lock must come before anything assigns this transaction an id: whoever appends to the stream
        -- after us then gets a higher id, so the stream's revisions and the $all order agree. A transaction that
        -- wrote before calling us already holds an id, possibly lower than that of an append it waits for here.
        IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
          RAISE EXCEPTION 'es_append_to_stream must be the first write of its transaction' USING ERRCODE = 'ESXID';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('es_stream:' || p_stream_id, 0));

        SELECT s.last_revision INTO v_current FROM es_streams s WHERE s.stream_id = p_stream_id;

        IF p_expected_kind = 'stream_exists' AND v_current IS NULL THEN
          RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'ESWEV', DETAIL = 'no_stream';
        ELSIF p_expected_kind IN ('any', 'stream_exists') THEN
          -- No revision to compare: a retry is recognised by its ids alone. All there: nothing to write;
          -- none: append; some: a different batch that overlaps, refused (EventStoreDB does the same).
          IF v_current IS NOT NULL THEN
            SELECT count(*) INTO v_found FROM es_events e
            WHERE e.stream_id = p_stream_id AND e.event_id = ANY (p_event_ids);
            IF v_found = v_count THEN
              RETURN QUERY SELECT e.stream_revision, e.transaction_id, e.global_position FROM es_events e
                WHERE e.stream_id = p_stream_id AND e.event_id = p_event_ids[v_count];
              RETURN;
            ELSIF v_found > 0 THEN
              RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'ESWEV', DETAIL = v_current::text;
            END IF;
          END IF;
        ELSIF p_expected_kind IN ('no_stream', 'exact') THEN
          v_expected := CASE WHEN p_expected_kind = 'no_stream' THEN -1 ELSE p_expected_revision END;
          IF v_expected <> coalesce(v_current, -1) THEN
            -- A retry of an append that succeeded: the batch's ids are exactly the events after the expected
            -- revision, in order. Then report that append's result and write nothing.
            IF v_expected < v_current AND v_expected + v_count <= v_current THEN
              SELECT count(*) INTO v_found
              FROM unnest(p_event_ids) WITH ORDINALITY AS b(event_id, ord)
              JOIN es_events e ON e.stream_id = p_stream_id
                AND e.stream_revision = v_expected + b.ord AND e.event_id = b.event_id;
              IF v_found = v_count THEN
                RETURN QUERY SELECT e.stream_revision, e.transaction_id, e.global_position FROM es_events e
                  WHERE e.stream_id = p_stream_id AND e.stream_revision = v_expected + v_count;
                RETURN;
              END IF;
            END IF;
            RAISE EXCEPTION 'wrong expected version'
              USING ERRCODE = 'ESWEV', DETAIL = coalesce(v_current::text, 'no_stream');
          END IF;
        ELSE
          RAISE EXCEPTION 'unknown expected revision kind' USING ERRCODE = '22023';
        END IF;

        -- ORDER BY ord makes the identity follow the batch order, so revisions and positions rise together.
        WITH inserted AS (
          INSERT INTO es_events (stream_id, stream_revision, event_id, event_type, data, metadata)
          SELECT p_stream_id, coalesce(v_current, -1) + b.ord, b.event_id, b.event_type, b.data, b.metadata
          FROM unnest(p_event_ids, p_event_types, p_data, p_metadata)
            WITH ORDINALITY AS b(event_id, event_type, data, metadata, ord)
          ORDER BY b.ord
          RETURNING global_position
        )
        SELECT max(i.global_position) INTO v_last FROM inserted i;

        INSERT INTO es_streams AS s (stream_id, last_revision)
        VALUES (p_stream_id, coalesce(v_current, -1) + v_count)
        ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision;

        RETURN QUERY SELECT coalesce(v_current, -1) + v_count, pg_current_xact_id(), v_last;
      END
      $fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION es_append_to_stream(text, text, bigint, uuid[], text[], jsonb[], jsonb[])`);
    await queryRunner.query(`DROP TABLE es_events`);
    await queryRunner.query(`DROP TABLE es_streams`);
  }
}
