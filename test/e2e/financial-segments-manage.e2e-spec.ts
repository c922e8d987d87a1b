import { randomUUID } from 'node:crypto';
import { parseWebhookSecret, SEGMENTS_DEMO, verifyWebhook } from '@hub/financial-segments';
import { createTestApp, remote, type TestApp } from '../support/test-app';
import { CallbackReceiver, eventually } from '../fixtures/financial-segments/callback-receiver';
import { BASE, monthly, userWithReport } from '../fixtures/financial-segments/segments-helpers';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const Q3 = ['2026-07', '2026-08', '2026-09'];

/** These tests run a callback receiver on this machine and the demo data on a fresh database: local only. */
const describeLocal = remote ? describe.skip : describe;

describeLocal('financial segments: manage segments and callbacks (e2e)', () => {
  let t: TestApp;
  let write: string;
  let read: string;
  let receiver: CallbackReceiver;
  let rich: { userId: string; externalUserId: string };
  let modest: { userId: string; externalUserId: string };

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_RETRY_BASE_MS: '100',
        WEBHOOK_MAX_ATTEMPTS: '2',
        WEBHOOK_TIMEOUT_MS: '1000',
        SEGMENTS_POLLING_INTERVAL_SECONDS: '0.5',
      },
    });
    write = await t.bearer(['segments:write']);
    read = await t.bearer(['segments:read']);
    receiver = await CallbackReceiver.start([204]);
    rich = await userWithReport(
      t,
      { name: 'rich', balance: '500000000.00', credits: monthly(Q3, '40000000.00', 'LUONG') },
      receiver.url,
    );
    modest = await userWithReport(
      t,
      { name: 'modest', balance: '50000000.00', credits: monthly(Q3, '10000000.00', 'LUONG') },
      receiver.url,
    );
  });

  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  async function createSegment(criteria: object, offers = [{ code: 'GOLD', name: 'Gold', kind: 'CARD' }]) {
    const res = await t.http
      .post(`${BASE}/segments`)
      .set('Authorization', write)
      .send({ name: `S ${randomUUID()}`, currency: 'VND', criteria, offers })
      .expect(201);
    return res.body as { id: string; evaluatedAt: string | null };
  }

  async function memberIds(segmentId: string): Promise<string[]> {
    const res = await t.http
      .get(`${BASE}/segments/${segmentId}/members?pageSize=500`)
      .set('Authorization', read)
      .expect(200);
    return res.body.items
      .map((m: { userId: string }) => m.userId)
      .filter((id: string) => [rich.userId, modest.userId].includes(id));
  }

  describe('PATCH /segments/{id}', () => {
    it('re-evaluates at once when the criteria change; a rename keeps members and evaluation time', async () => {
      const segment = await createSegment({ minTotalBalance: '100000000.00' });
      await t.http.post(`${BASE}/segments/${segment.id}/evaluate`).set('Authorization', write).expect(200);
      expect(await memberIds(segment.id)).toEqual([rich.userId]);

      const lowered = await t.http
        .patch(`${BASE}/segments/${segment.id}`)
        .set('Authorization', write)
        .send({ criteria: { minTotalBalance: '10000000.00' } })
        .expect(200);
      expect(lowered.body.criteria).toEqual({ minTotalBalance: '10000000.00' });
      expect((await memberIds(segment.id)).sort()).toEqual([rich.userId, modest.userId].sort());

      const renamed = await t.http
        .patch(`${BASE}/segments/${segment.id}`)
        .set('Authorization', write)
        .send({ name: 'Renamed' })
        .expect(200);
      expect(renamed.body).toMatchObject({
        name: 'Renamed',
        criteria: { minTotalBalance: '10000000.00' },
        evaluatedAt: lowered.body.evaluatedAt,
        offers: [{ code: 'GOLD', name: 'Gold', kind: 'CARD' }],
      });

      // Criteria replace as a whole: the balance floor goes, an income floor comes.
      await t.http
        .patch(`${BASE}/segments/${segment.id}`)
        .set('Authorization', write)
        .send({ criteria: { minAverageMonthlyIncome: '30000000.00' } })
        .expect(200);
      expect(await memberIds(segment.id)).toEqual([rich.userId]);

      // A new currency: no VND user is a member any more.
      await t.http
        .patch(`${BASE}/segments/${segment.id}`)
        .set('Authorization', write)
        .send({ currency: 'USD' })
        .expect(200);
      expect(await memberIds(segment.id)).toEqual([]);
    });

    it('replaces the offers, and the users see the new ones', async () => {
      const segment = await createSegment({ minTotalBalance: '100000000.00' });
      await t.http.post(`${BASE}/segments/${segment.id}/evaluate`).set('Authorization', write).expect(200);
      await t.http
        .patch(`${BASE}/segments/${segment.id}`)
        .set('Authorization', write)
        .send({
          offers: [
            { code: 'FUND', name: 'Fund', kind: 'INVESTMENT' },
            { code: 'LIFE', name: 'Life', kind: 'INSURANCE' },
          ],
        })
        .expect(200);
      const offers = await t.http.get(`${BASE}/users/${rich.userId}/offers`).set('Authorization', read);
      expect(
        offers.body.items
          .filter((o: { segmentId: string }) => o.segmentId === segment.id)
          .map((o: { code: string }) => o.code),
      ).toEqual(['FUND', 'LIFE']);
    });

    it('refuses bad changes cleanly and changes nothing', async () => {
      const segment = await createSegment({ minTotalBalance: '100000000.00' });
      const inconsistent = await t.http
        .patch(`${BASE}/segments/${segment.id}`)
        .set('Authorization', write)
        .send({ name: 'Should not stick', criteria: { minTotalBalance: '10.00', maxTotalBalance: '1.00' } })
        .expect(400);
      expect(inconsistent.body.code).toBe('INVALID_SEGMENT_CRITERIA');
      const malformed = await t.http
        .patch(`${BASE}/segments/${segment.id}`)
        .set('Authorization', write)
        .send({ criteria: { minTotalBalance: '1e9' }, extra: true })
        .expect(400);
      expect(malformed.body).toMatchObject({ code: 'VALIDATION_FAILED', requestId: expect.any(String) });
      expect(malformed.body.details.map((d: { field: string }) => d.field).sort()).toEqual(
        ['criteria.minTotalBalance', 'extra'].sort(),
      );
      const after = await t.http.get(`${BASE}/segments/${segment.id}`).set('Authorization', read).expect(200);
      expect(after.body).toMatchObject({ criteria: { minTotalBalance: '100000000.00' } });
      expect(after.body.name).not.toBe('Should not stick');
      const missing = await t.http
        .patch(`${BASE}/segments/${randomUUID()}`)
        .set('Authorization', write)
        .send({ name: 'x' })
        .expect(404);
      expect(missing.body.code).toBe('SEGMENT_NOT_FOUND');
      await t.http.patch(`${BASE}/segments/${segment.id}`).set('Authorization', read).send({}).expect(403);
    });

    it('parallel changes leave members that match the criteria stored last', async () => {
      const segment = await createSegment({ minTotalBalance: '100000000.00' });
      const floors = ['10000000.00', '100000000.00', '10000000.00', '100000000.00', '600000000.00'];
      const results = await Promise.all(
        floors.map((floor) =>
          t.http
            .patch(`${BASE}/segments/${segment.id}`)
            .set('Authorization', write)
            .send({ criteria: { minTotalBalance: floor } }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(floors.length).fill(200));
      const stored = await t.http
        .get(`${BASE}/segments/${segment.id}`)
        .set('Authorization', read)
        .expect(200);
      const floor = Number(stored.body.criteria.minTotalBalance);
      const expected = [
        ...(500_000_000 >= floor ? [rich.userId] : []),
        ...(50_000_000 >= floor ? [modest.userId] : []),
      ];
      expect((await memberIds(segment.id)).sort()).toEqual(expected.sort());
    });
  });

  describe('DELETE /segments/{id} and GET /segments', () => {
    it('deletes a segment with its members and offers', async () => {
      const segment = await createSegment({ minTotalBalance: '100000000.00' });
      await t.http.post(`${BASE}/segments/${segment.id}/evaluate`).set('Authorization', write).expect(200);
      const listed = await t.http.get(`${BASE}/segments?pageSize=500`).set('Authorization', read).expect(200);
      expect(listed.body.items.map((s: { id: string }) => s.id)).toContain(segment.id);
      expect(listed.body.total).toBe(listed.body.items.length);

      await t.http.delete(`${BASE}/segments/${segment.id}`).set('Authorization', write).expect(204);
      await t.http.get(`${BASE}/segments/${segment.id}`).set('Authorization', read).expect(404);
      await t.http.get(`${BASE}/segments/${segment.id}/members`).set('Authorization', read).expect(404);
      const offers = await t.http.get(`${BASE}/users/${rich.userId}/offers`).set('Authorization', read);
      expect(offers.body.items.map((o: { segmentId: string }) => o.segmentId)).not.toContain(segment.id);
      const [{ n }] = await t.dataSource!.query(
        `SELECT (SELECT count(*) FROM seg_segment_members WHERE segment_id = $1)
              + (SELECT count(*) FROM seg_segment_offers WHERE segment_id = $1) AS n`,
        [segment.id],
      );
      expect(Number(n)).toBe(0);
      const again = await t.http
        .delete(`${BASE}/segments/${segment.id}`)
        .set('Authorization', write)
        .expect(404);
      expect(again.body.code).toBe('SEGMENT_NOT_FOUND');
      await t.http.delete(`${BASE}/segments/nope`).set('Authorization', write).expect(400);
    });
  });

  describe('POST /webhook-deliveries/{id}/redeliver', () => {
    it('sends a given-up callback again with the same webhook-id, once', async () => {
      const failing = await CallbackReceiver.start([500]);
      try {
        const { body: process } = await t.http
          .post(`${BASE}/processes`)
          .set('Authorization', write)
          .send({ externalUserId: `redeliver-${randomUUID()}` })
          .expect(201);
        const { body: job } = await t.http
          .post(`${BASE}/users/${process.userId}/synchronize`)
          .set('Authorization', write)
          .send({ callbackUrl: failing.url })
          .expect(202);
        const given = await eventually(async () => {
          const res = await t.http
            .get(`${BASE}/webhook-deliveries?status=FAILED&pageSize=500`)
            .set('Authorization', read)
            .expect(200);
          return res.body.items.find((d: { jobId: string }) => d.jobId === job.jobId);
        });
        expect(given.attempts).toBe(2);
        expect(failing.received).toHaveLength(2);

        failing.script = [204];
        const [first, second] = await Promise.all([
          t.http.post(`${BASE}/webhook-deliveries/${given.id}/redeliver`).set('Authorization', write),
          t.http.post(`${BASE}/webhook-deliveries/${given.id}/redeliver`).set('Authorization', write),
        ]);
        expect([first.status, second.status].sort()).toEqual([202, 409]);
        const accepted = first.status === 202 ? first : second;
        const refused = first.status === 202 ? second : first;
        expect(accepted.body).toMatchObject({ id: given.id, status: 'PENDING', attempts: 2 });
        expect(refused.body.code).toBe('WEBHOOK_DELIVERY_PENDING');

        await failing.waitFor(3);
        const delivered = await eventually(async () => {
          const res = await t.http
            .get(`${BASE}/webhook-deliveries/${given.id}`)
            .set('Authorization', read)
            .expect(200);
          return res.body.status === 'DELIVERED' ? res.body : null;
        });
        expect(
          delivered.log.map((a: { attempt: number; statusCode: number }) => [a.attempt, a.statusCode]),
        ).toEqual([
          [1, 500],
          [2, 500],
          [3, 204],
        ]);
        const third = failing.received[2];
        expect(third.headers['webhook-id']).toBe(given.id);
        expect(third.body).toBe(failing.received[0].body);
        expect(() =>
          verifyWebhook(parseWebhookSecret(SECRET), third.headers as Record<string, string>, third.body),
        ).not.toThrow();

        // A failed redelivery is one attempt: the delivery is FAILED again, no retry follows.
        failing.script = [503];
        await t.http
          .post(`${BASE}/webhook-deliveries/${given.id}/redeliver`)
          .set('Authorization', write)
          .expect(202);
        const refailed = await eventually(async () => {
          const res = await t.http
            .get(`${BASE}/webhook-deliveries/${given.id}`)
            .set('Authorization', read)
            .expect(200);
          return res.body.status === 'FAILED' ? res.body : null;
        });
        expect(refailed.attempts).toBe(4);
        await new Promise((r) => setTimeout(r, 1500));
        expect(failing.received).toHaveLength(4);
      } finally {
        await failing.close();
      }
    });

    it('404 for an unknown delivery, 400 for a bad id, 403 with a read-only token', async () => {
      const missing = await t.http
        .post(`${BASE}/webhook-deliveries/msg_${'0'.repeat(32)}/redeliver`)
        .set('Authorization', write)
        .expect(404);
      expect(missing.body.code).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
      await t.http.post(`${BASE}/webhook-deliveries/bad/redeliver`).set('Authorization', write).expect(400);
      await t.http
        .post(`${BASE}/webhook-deliveries/msg_${'0'.repeat(32)}/redeliver`)
        .set('Authorization', read)
        .expect(403);
    });
  });
});

describeLocal('financial segments: demo data (e2e)', () => {
  it('loads three users with imports and one segment; the jobs build their reports and fill the segment', async () => {
    const t = await createTestApp({
      env: { DEMO_DATA: 'on', ODS_DEMO_CUSTOMERS: '20', SEGMENTS_POLLING_INTERVAL_SECONDS: '0.5' },
    });
    try {
      const write = await t.bearer(['segments:write']);
      const read = await t.bearer(['segments:read']);
      const { body: segments } = await t.http.get(`${BASE}/segments`).set('Authorization', read).expect(200);
      expect(segments.items.map((s: { name: string }) => s.name)).toEqual([SEGMENTS_DEMO.segmentName]);
      const segmentId = segments.items[0].id;
      // The README's way in: a process for a demo external user gives its user id.
      const userIds: Record<string, string> = {};
      for (const [key, externalUserId] of Object.entries(SEGMENTS_DEMO.users)) {
        const res = await t.http
          .post(`${BASE}/processes`)
          .set('Authorization', write)
          .send({ externalUserId })
          .expect(201);
        userIds[key] = res.body.userId;
      }
      const members = await eventually(async () => {
        const [{ pending }] = await t.dataSource!.query(
          `SELECT count(*)::int AS pending FROM seg_sync_jobs WHERE status <> 'SUCCESSFUL'`,
        );
        if (pending > 0) return null;
        const res = await t.http.get(`${BASE}/segments/${segmentId}/members`).set('Authorization', read);
        return res.body;
      });
      expect(members.items.map((m: { externalUserId: string }) => m.externalUserId)).toEqual([
        SEGMENTS_DEMO.users.salaried,
      ]);
      const offers = await t.http.get(`${BASE}/users/${userIds.salaried}/offers`).set('Authorization', read);
      expect(offers.body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
      expect(offers.body.items.map((o: { code: string }) => o.code)).toEqual([
        'PLATINUM_CARD',
        'BALANCED_FUND',
      ]);
      const [{ deliveries }] = await t.dataSource!.query(
        `SELECT count(*)::int AS deliveries FROM seg_webhook_deliveries`,
      );
      expect(deliveries).toBe(0);
      const [{ cases }] = await t.dataSource!.query(`SELECT count(*)::int AS cases FROM seg_cases`);
      expect(cases).toBe(3);
    } finally {
      await t.close();
    }
  });
});
