import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@hub/platform';
import { dec, toFixed } from '@hub/shared-kernel';
import { cloneTemplateDatabase } from '@hub/test-database';
import { INCOME_CATEGORIES, type IncomeCategory } from '../../domain/income.types';
import { meetsCriteria, type SegmentCriteria } from '../../domain/segment-criteria';
import { TypeormSegmentRepository } from './typeorm-segment.repository';
import { FINANCIAL_SEGMENTS_SCHEMA } from './financial-segments.schema';

interface UserFigures {
  id: string;
  currency: string;
  totalBalance: string;
  monthsObserved: number;
  categories: { category: IncomeCategory; total: string; months: string }[];
  /** Null: a report from before cash-flow reports (no row). */
  cashFlow: { averageMonthlyNet: string; gamblingShare: string; daysBelowZero: number } | null;
}

const AMOUNTS = ['0.00', '99.99', '100.00', '100.01', '250.50', '500.00'];
const NETS = ['-100.00', '-0.01', '0.00', '0.01', '100.00'];
const SHARES = ['0.0000', '0.0499', '0.05', '0.0501', '1'];

const userArb = fc
  .record({
    currency: fc.constantFrom('VND', 'VND', 'USD'),
    totalBalance: fc.constantFrom(...AMOUNTS),
    monthsObserved: fc.integer({ min: 0, max: 5 }),
    categories: fc.uniqueArray(fc.constantFrom(...INCOME_CATEGORIES), { maxLength: 3 }),
    totals: fc.array(fc.constantFrom('100.00', '299.99', '300.00', '1500.00'), {
      minLength: 3,
      maxLength: 3,
    }),
    bits: fc.array(fc.integer({ min: 1, max: 31 }), { minLength: 3, maxLength: 3 }),
    cashFlow: fc.option(
      fc.record({
        averageMonthlyNet: fc.constantFrom(...NETS),
        gamblingShare: fc.constantFrom(...SHARES),
        daysBelowZero: fc.constantFrom(0, 1, 12),
      }),
      { freq: 5 },
    ),
  })
  .map(({ currency, totalBalance, monthsObserved, categories, totals, bits, cashFlow }): UserFigures => ({
    id: randomUUID(),
    currency,
    totalBalance,
    monthsObserved,
    cashFlow,
    categories:
      monthsObserved === 0
        ? []
        : categories.map((category, i) => {
            let months = (bits[i] % 2 ** monthsObserved).toString(2).padStart(monthsObserved, '0');
            if (!months.includes('1')) months = '1' + months.slice(1);
            return { category, total: totals[i], months };
          }),
  }));

const criteriaArb: fc.Arbitrary<SegmentCriteria> = fc.record(
  {
    minTotalBalance: fc.constantFrom(...AMOUNTS),
    maxTotalBalance: fc.constantFrom(...AMOUNTS),
    minAverageMonthlyIncome: fc.constantFrom('0.00', '60.00', '100.00', '300.00'),
    minMonthsWithIncome: fc.integer({ min: 0, max: 5 }),
    incomeCategories: fc.uniqueArray(fc.constantFrom(...INCOME_CATEGORIES), { minLength: 1, maxLength: 3 }),
    minNetMonthlyCashFlow: fc.constantFrom(...NETS),
    maxGamblingShare: fc.constantFrom(...SHARES),
    hadNegativeBalance: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** The figures the criteria see, computed in TypeScript: the reference for the SQL. */
function figuresOf(u: UserFigures, categories?: readonly IncomeCategory[]) {
  const used = u.categories.filter((c) => !categories || categories.includes(c.category));
  const total = used.reduce((s, c) => s.plus(c.total), dec(0));
  let months = 0;
  for (let i = 0; i < u.monthsObserved; i++) if (used.some((c) => c.months[i] === '1')) months += 1;
  return {
    currency: u.currency,
    totalBalance: u.totalBalance,
    averageMonthlyIncome: u.monthsObserved === 0 ? '0.00' : toFixed(total.dividedBy(u.monthsObserved)),
    monthsWithIncome: months,
    cashFlow: u.cashFlow,
  };
}

describe('TypeormSegmentRepository.evaluate (one SQL statement) agrees with meetsCriteria', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let users: UserFigures[];

  beforeAll(async () => {
    const db = await cloneTemplateDatabase();
    drop = db.drop;
    ds = new DataSource(
      buildDataSourceOptions(db.url, { poolSize: 2, schemas: [FINANCIAL_SEGMENTS_SCHEMA] }),
    );
    await ds.initialize();
    users = fc.sample(userArb, { numRuns: 150, seed: 20261121 });
    for (const u of users) {
      const caseId = randomUUID();
      const reportId = randomUUID();
      const all = figuresOf(u);
      const totalIncome = u.categories.reduce((s, c) => s.plus(c.total), dec(0));
      await ds.query(`INSERT INTO seg_users (id, external_user_id) VALUES ($1, $2)`, [u.id, `ext-${u.id}`]);
      await ds.query(`INSERT INTO seg_cases (id, user_id, data_source_ids) VALUES ($1, $2, '{}')`, [
        caseId,
        u.id,
      ]);
      await ds.query(
        `INSERT INTO seg_income_reports (id, case_id, user_id, currency, total_income, months_observed, average_monthly_income,
           months_with_income, total_balance, by_month, by_category)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '[]', '[]')`,
        [
          reportId,
          caseId,
          u.id,
          u.currency,
          toFixed(totalIncome),
          u.monthsObserved,
          all.averageMonthlyIncome,
          all.monthsWithIncome,
          u.totalBalance,
        ],
      );
      for (const c of u.categories) {
        await ds.query(
          `INSERT INTO seg_income_report_categories (report_id, category, total, count, months) VALUES ($1, $2, $3, 1, $4::varbit)`,
          [reportId, c.category, c.total, c.months],
        );
      }
      if (u.cashFlow) {
        await ds.query(
          `INSERT INTO seg_cash_flow_reports (id, case_id, user_id, currency, months_observed, total_inflow, total_outflow,
             average_monthly_inflow, average_monthly_outflow, average_monthly_net, days_below_zero,
             average_monthly_fixed_outflow, affordability, gambling_share, by_month, by_category, outflow_transactions)
           VALUES ($1, $2, $3, $4, $5, 0, 0, 0, 0, $6, $7, 0, 0, $8, '[]', '[]', '[]')`,
          [
            randomUUID(),
            caseId,
            u.id,
            u.currency,
            u.monthsObserved,
            u.cashFlow.averageMonthlyNet,
            u.cashFlow.daysBelowZero,
            u.cashFlow.gamblingShare,
          ],
        );
      }
      await ds.query(`UPDATE seg_users SET latest_report_id = $2 WHERE id = $1`, [u.id, reportId]);
    }
  });

  afterAll(async () => {
    await ds.destroy();
    await drop();
  });

  it('for random criteria over users on and around every edge', async () => {
    const repository = new TypeormSegmentRepository(ds);
    await fc.assert(
      fc.asyncProperty(criteriaArb, async (criteria) => {
        if (
          criteria.minTotalBalance &&
          criteria.maxTotalBalance &&
          dec(criteria.minTotalBalance).gt(criteria.maxTotalBalance)
        )
          return;
        const segment = await repository.create({
          id: randomUUID(),
          name: 's',
          currency: 'VND',
          criteria,
          offers: [],
        });
        const count = await repository.evaluate(segment.id);
        const { items } = await repository.members(segment.id, 1, 500);
        const expected = users
          .filter((u) => meetsCriteria(criteria, 'VND', figuresOf(u, criteria.incomeCategories)))
          .map((u) => u.id);
        expect(items.map((m) => m.userId).sort()).toEqual(expected.sort());
        expect(count).toBe(expected.length);
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('re-evaluated as a diff, a segment whose criteria keep changing ends with the members and figures of a fresh evaluation', async () => {
    const repository = new TypeormSegmentRepository(ds);
    const segment = await repository.create({
      id: randomUUID(),
      name: 'changing',
      currency: 'VND',
      criteria: {},
      offers: [],
    });
    await repository.evaluate(segment.id);
    await fc.assert(
      fc.asyncProperty(criteriaArb, async (criteria) => {
        if (
          criteria.minTotalBalance &&
          criteria.maxTotalBalance &&
          dec(criteria.minTotalBalance).gt(criteria.maxTotalBalance)
        )
          return;
        // The update re-evaluates from the previous criteria's members: some leave, some join,
        // and the ones who stay get the figures of the new categories.
        await repository.update(segment.id, { criteria });
        const count = await repository.evaluate(segment.id);
        const { items } = await repository.members(segment.id, 1, 500);
        const expected = users
          .filter((u) => meetsCriteria(criteria, 'VND', figuresOf(u, criteria.incomeCategories)))
          .map((u) => {
            const f = figuresOf(u, criteria.incomeCategories);
            return `${u.id} ${f.totalBalance} ${f.averageMonthlyIncome}`;
          });
        expect(items.map((m) => `${m.userId} ${m.totalBalance} ${m.averageMonthlyIncome}`).sort()).toEqual(
          expected.sort(),
        );
        expect(count).toBe(expected.length);
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
