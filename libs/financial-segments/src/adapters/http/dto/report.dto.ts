// Over 300 lines on purpose: declarations only: the Income and Cash-flow Report wire objects, for
// Swagger; no logic.
import type { Wire } from '@hub/platform';
import { ApiProperty } from '@nestjs/swagger';
import { INCOME_CATEGORIES, type IncomeCategory } from '../../../domain/income.types';
import type {
  CashFlowReportView,
  CaseView,
  IncomeReportView,
  IncomeTransactionView,
  OutflowTransactionView,
} from '../../../application/ports/report.repository';
import { OUTFLOW_CATEGORIES, type OutflowCategory } from '../../../domain/outflow-classifier';

export class CaseReportRefDto {
  @ApiProperty({ format: 'uuid', example: '8b0f3c1e-5d2a-4c7b-9e61-2f4a8d0c7b35' })
  readonly id!: string;

  @ApiProperty({ enum: ['INCOME', 'CASH_FLOW'], example: 'INCOME' })
  readonly type!: 'INCOME' | 'CASH_FLOW';
}

export class CaseResponseDto implements Wire<CaseView> {
  @ApiProperty({ format: 'uuid', example: '2ead42c7-4c9d-4f73-a8ba-2ba3286e6b88' })
  readonly id!: string;

  @ApiProperty({ format: 'uuid', example: '5c9e2a71-0b3d-4f8e-a6c4-7d1e9b2f3a60' })
  readonly userId!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: ['0e7d4b2a-9c1f-4a36-8b5e-1f2d3c4b5a69', 'a41c6e8f-2b7d-4f90-8e35-6c1b0d9a7f24'],
    description: 'The data sources the case was built over',
  })
  readonly dataSourceIds!: string[];

  @ApiProperty({
    type: () => [CaseReportRefDto],
    example: [
      { id: '8b0f3c1e-5d2a-4c7b-9e61-2f4a8d0c7b35', type: 'INCOME' },
      { id: 'd3e9a7c2-6f14-4b0e-9a58-3c2b1e0f4d77', type: 'CASH_FLOW' },
    ],
  })
  readonly reports!: CaseReportRefDto[];

  @ApiProperty({ format: 'date-time', example: '2026-11-02T03:15:42.118Z' })
  readonly createdAt!: string;

  static from(c: CaseView): CaseResponseDto {
    return {
      id: c.id,
      userId: c.userId,
      dataSourceIds: c.dataSourceIds,
      reports: c.reports,
      createdAt: c.createdAt.toISOString(),
    };
  }
}

export class PeriodDto {
  @ApiProperty({ format: 'date', nullable: true, type: String })
  readonly from!: string | null;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  readonly to!: string | null;
}

export class IncomeTransactionDto implements Wire<IncomeTransactionView> {
  @ApiProperty()
  readonly transactionId!: string;

  @ApiProperty({ format: 'date' })
  readonly bookingDate!: string;

  @ApiProperty({ example: '25000000.00' })
  readonly amount!: string;

  @ApiProperty({ example: 'VND' })
  readonly currency!: string;

  @ApiProperty()
  readonly purpose!: string;

  @ApiProperty()
  readonly counterpartName!: string;

  @ApiProperty({ enum: INCOME_CATEGORIES })
  readonly category!: IncomeCategory;

  @ApiProperty({ example: 'KEYWORD:LUONG', description: '`KEYWORD:<keyword>` or `RECURRING_COUNTERPARTY`' })
  readonly matchedRule!: string;
}

export class MonthTotalDto {
  @ApiProperty({ example: '2026-10' })
  readonly month!: string;

  @ApiProperty({ example: '25000000.00' })
  readonly total!: string;
}

export class CategoryTotalDto {
  @ApiProperty({ enum: INCOME_CATEGORIES })
  readonly category!: IncomeCategory;

  @ApiProperty({ example: '300000000.00' })
  readonly total!: string;

  @ApiProperty()
  readonly count!: number;
}

export class MainIncomeSourceDto {
  @ApiProperty()
  readonly counterpartName!: string;

  @ApiProperty({ enum: INCOME_CATEGORIES })
  readonly category!: IncomeCategory;
}

export class AggregationsDto {
  @ApiProperty({ example: '300000000.00' })
  readonly totalIncome!: string;

  @ApiProperty({
    description: 'Calendar months from the earliest to the latest transaction of the case, inclusive',
  })
  readonly monthsObserved!: number;

  @ApiProperty({ example: '25000000.00', description: 'totalIncome / monthsObserved, 2 decimals half-up' })
  readonly averageMonthlyIncome!: string;

  @ApiProperty({
    type: () => [MonthTotalDto],
    description: 'Every observed month, oldest first, "0.00" without income',
  })
  readonly byMonth!: MonthTotalDto[];

  @ApiProperty({ type: () => [CategoryTotalDto] })
  readonly byCategory!: CategoryTotalDto[];

  @ApiProperty()
  readonly monthsWithIncome!: number;

  @ApiProperty({ type: () => MainIncomeSourceDto, nullable: true })
  readonly mainIncomeSource!: MainIncomeSourceDto | null;
}

export class CurrencyIncomeDto {
  @ApiProperty({ example: 'USD' })
  readonly currency!: string;

  @ApiProperty({ type: () => AggregationsDto, description: 'The aggregations of this currency’s income' })
  readonly aggregations!: AggregationsDto;
}

export class CurrencyBalanceDto {
  @ApiProperty({ example: 'USD' })
  readonly currency!: string;

  @ApiProperty({
    example: '5000.00',
    description: 'Current, savings and term-deposit balances in this currency',
  })
  readonly balance!: string;

  @ApiProperty({
    example: '25400',
    nullable: true,
    type: String,
    description: 'Units of the base currency for one unit; "1" for the base currency; null: no rate',
  })
  readonly rate!: string | null;

  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'The date of the rate used' })
  readonly rateDate!: string | null;

  @ApiProperty({ example: '127000000.00', nullable: true, type: String })
  readonly inBaseCurrency!: string | null;
}

export class MoneyHeldDto {
  @ApiProperty({ example: 'VND', description: 'SEGMENTS_BASE_CURRENCY when the report was built' })
  readonly baseCurrency!: string;

  @ApiProperty({ type: () => [CurrencyBalanceDto] })
  readonly byCurrency!: CurrencyBalanceDto[];

  @ApiProperty({ example: '277000000.00', description: 'The converted balances, summed' })
  readonly totalInBaseCurrency!: string;

  @ApiProperty({
    type: [String],
    example: ['JPY'],
    description: 'Currencies left out of the totals because the FX table has no rate for them',
  })
  readonly missingRates!: string[];
}

// `period` is declared with nullable bounds (PeriodDto), wider than the view's.
export class IncomeReportResponseDto implements Wire<Omit<IncomeReportView, 'period'>> {
  @ApiProperty({ format: 'uuid' })
  readonly id!: string;

  @ApiProperty({ format: 'uuid' })
  readonly caseId!: string;

  @ApiProperty({ example: 'VND' })
  readonly currency!: string;

  @ApiProperty({ type: () => PeriodDto })
  readonly period!: PeriodDto;

  @ApiProperty({ type: () => [IncomeTransactionDto] })
  readonly incomeTransactions!: IncomeTransactionDto[];

  @ApiProperty({ type: () => AggregationsDto })
  readonly aggregations!: AggregationsDto;

  @ApiProperty({
    type: () => [CurrencyIncomeDto],
    nullable: true,
    description:
      'Income per currency (every currency with income, the report currency included); null on reports built before it was kept',
  })
  readonly incomeByCurrency!: CurrencyIncomeDto[] | null;

  @ApiProperty({
    example: '150000000.00',
    description:
      'CHECKING + SAVINGS + TERM_DEPOSIT balances of every currency, converted into the report currency with the FX table (currencies without a rate are in moneyHeld.missingRates)',
  })
  readonly totalBalance!: string;

  @ApiProperty({
    type: () => MoneyHeldDto,
    nullable: true,
    description: 'Balances per currency and converted; null on reports built before it was kept',
  })
  readonly moneyHeld!: MoneyHeldDto | null;

  static from(r: IncomeReportView): IncomeReportResponseDto {
    return {
      id: r.id,
      caseId: r.caseId,
      currency: r.currency,
      period: r.period ?? { from: null, to: null },
      incomeTransactions: r.incomeTransactions,
      aggregations: r.aggregations,
      incomeByCurrency: r.incomeByCurrency,
      totalBalance: r.totalBalance,
      moneyHeld: r.moneyHeld,
    };
  }
}

export class OutflowTransactionDto implements Wire<OutflowTransactionView> {
  @ApiProperty()
  readonly transactionId!: string;

  @ApiProperty({ format: 'date' })
  readonly bookingDate!: string;

  @ApiProperty({ example: '9000000.00', description: 'What went out, as a positive amount' })
  readonly amount!: string;

  @ApiProperty()
  readonly purpose!: string;

  @ApiProperty()
  readonly counterpartName!: string;

  @ApiProperty({ enum: OUTFLOW_CATEGORIES })
  readonly category!: OutflowCategory;

  @ApiProperty({
    example: 'KEYWORD:TIEN NHA',
    description:
      '`KEYWORD:<keyword>` (purpose), `COUNTERPART:<keyword>` (counterpart name) or `NO_RULE` (OTHER)',
  })
  readonly matchedRule!: string;
}

export class CashFlowMonthDto {
  @ApiProperty({ example: '2026-10' })
  readonly month!: string;

  @ApiProperty({ example: '28000000.00' })
  readonly inflow!: string;

  @ApiProperty({ example: '12500000.00' })
  readonly outflow!: string;

  @ApiProperty({ example: '15500000.00', description: 'inflow - outflow' })
  readonly net!: string;
}

export class OutflowCategoryTotalDto {
  @ApiProperty({ enum: OUTFLOW_CATEGORIES })
  readonly category!: OutflowCategory;

  @ApiProperty({ example: '54000000.00' })
  readonly total!: string;

  @ApiProperty()
  readonly count!: number;
}

export class CashFlowReportResponseDto implements Wire<Omit<CashFlowReportView, 'period'>> {
  @ApiProperty({ format: 'uuid' })
  readonly id!: string;

  @ApiProperty({ format: 'uuid' })
  readonly caseId!: string;

  @ApiProperty({
    example: 'VND',
    description: 'The income report’s currency; other currencies are not in these figures',
  })
  readonly currency!: string;

  @ApiProperty({ type: () => PeriodDto })
  readonly period!: PeriodDto;

  @ApiProperty()
  readonly monthsObserved!: number;

  @ApiProperty({
    type: () => [OutflowTransactionDto],
    description: 'Every debit but transfers between the user’s own accounts, with its category and rule',
  })
  readonly outflowTransactions!: OutflowTransactionDto[];

  @ApiProperty({ example: '168000000.00', description: 'Credits, transfers between own accounts left out' })
  readonly totalInflow!: string;

  @ApiProperty({ example: '75000000.00' })
  readonly totalOutflow!: string;

  @ApiProperty({ example: '28000000.00', description: 'totalInflow / monthsObserved' })
  readonly averageMonthlyInflow!: string;

  @ApiProperty({ example: '12500000.00' })
  readonly averageMonthlyOutflow!: string;

  @ApiProperty({ example: '15500000.00' })
  readonly averageMonthlyNet!: string;

  @ApiProperty({ type: () => [CashFlowMonthDto], description: 'Every observed month, oldest first' })
  readonly byMonth!: CashFlowMonthDto[];

  @ApiProperty({
    type: () => [OutflowCategoryTotalDto],
    description: 'Categories with outflows, in enum order',
  })
  readonly byCategory!: OutflowCategoryTotalDto[];

  @ApiProperty({
    example: '-1200000.00',
    nullable: true,
    type: String,
    description:
      'The lowest end-of-day balance of the current and savings accounts over the period, rebuilt backwards from today’s balances; null without such accounts',
  })
  readonly lowestBalance!: string | null;

  @ApiProperty({ description: 'Days of the period that ended with those accounts below zero' })
  readonly daysBelowZero!: number;

  @ApiProperty({
    example: '9850000.00',
    description: 'HOUSING + UTILITIES + LOAN_REPAYMENT + INSURANCE outflows / monthsObserved',
  })
  readonly averageMonthlyFixedOutflow!: string;

  @ApiProperty({
    example: '18150000.00',
    description: 'The income report’s averageMonthlyIncome minus averageMonthlyFixedOutflow',
  })
  readonly affordability!: string;

  @ApiProperty({ example: '0.0000', description: 'GAMBLING outflows / all outflows, 4 decimals' })
  readonly gamblingShare!: string;

  static from(r: CashFlowReportView): CashFlowReportResponseDto {
    return {
      id: r.id,
      caseId: r.caseId,
      currency: r.currency,
      period: r.period ?? { from: null, to: null },
      monthsObserved: r.monthsObserved,
      outflowTransactions: r.outflowTransactions.map((t) => ({
        transactionId: t.transactionId,
        bookingDate: t.bookingDate,
        amount: t.amount,
        purpose: t.purpose,
        counterpartName: t.counterpartName,
        category: t.category,
        matchedRule: t.matchedRule,
      })),
      totalInflow: r.totalInflow,
      totalOutflow: r.totalOutflow,
      averageMonthlyInflow: r.averageMonthlyInflow,
      averageMonthlyOutflow: r.averageMonthlyOutflow,
      averageMonthlyNet: r.averageMonthlyNet,
      byMonth: r.byMonth,
      byCategory: r.byCategory,
      lowestBalance: r.lowestBalance,
      daysBelowZero: r.daysBelowZero,
      averageMonthlyFixedOutflow: r.averageMonthlyFixedOutflow,
      affordability: r.affordability,
      gamblingShare: r.gamblingShare,
    };
  }
}
