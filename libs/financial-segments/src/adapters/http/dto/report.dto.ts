import { ApiProperty } from '@nestjs/swagger';
import { INCOME_CATEGORIES, type IncomeCategory } from '../../../domain/income.types';
import type { CaseView, IncomeReportView } from '../../../application/ports/report.repository';

export class CaseReportRefDto {
  @ApiProperty({ format: 'uuid' })
  readonly id: string;

  @ApiProperty({ enum: ['INCOME'] })
  readonly type: 'INCOME';
}

export class CaseResponseDto {
  @ApiProperty({ format: 'uuid' })
  readonly id: string;

  @ApiProperty({ format: 'uuid' })
  readonly userId: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  readonly dataSourceIds: string[];

  @ApiProperty({ type: () => [CaseReportRefDto] })
  readonly reports: CaseReportRefDto[];

  @ApiProperty({ format: 'date-time' })
  readonly createdAt: string;

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
  readonly from: string | null;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  readonly to: string | null;
}

export class IncomeTransactionDto {
  @ApiProperty()
  readonly transactionId: string;

  @ApiProperty({ format: 'date' })
  readonly bookingDate: string;

  @ApiProperty({ example: '25000000.00' })
  readonly amount: string;

  @ApiProperty({ example: 'VND' })
  readonly currency: string;

  @ApiProperty()
  readonly purpose: string;

  @ApiProperty()
  readonly counterpartName: string;

  @ApiProperty({ enum: INCOME_CATEGORIES })
  readonly category: IncomeCategory;

  @ApiProperty({ example: 'KEYWORD:LUONG', description: '`KEYWORD:<keyword>` or `RECURRING_COUNTERPARTY`' })
  readonly matchedRule: string;
}

export class MonthTotalDto {
  @ApiProperty({ example: '2026-10' })
  readonly month: string;

  @ApiProperty({ example: '25000000.00' })
  readonly total: string;
}

export class CategoryTotalDto {
  @ApiProperty({ enum: INCOME_CATEGORIES })
  readonly category: IncomeCategory;

  @ApiProperty({ example: '300000000.00' })
  readonly total: string;

  @ApiProperty()
  readonly count: number;
}

export class MainIncomeSourceDto {
  @ApiProperty()
  readonly counterpartName: string;

  @ApiProperty({ enum: INCOME_CATEGORIES })
  readonly category: IncomeCategory;
}

export class AggregationsDto {
  @ApiProperty({ example: '300000000.00' })
  readonly totalIncome: string;

  @ApiProperty({
    description: 'Calendar months from the earliest to the latest transaction of the case, inclusive',
  })
  readonly monthsObserved: number;

  @ApiProperty({ example: '25000000.00', description: 'totalIncome / monthsObserved, 2 decimals half-up' })
  readonly averageMonthlyIncome: string;

  @ApiProperty({
    type: () => [MonthTotalDto],
    description: 'Every observed month, oldest first, "0.00" without income',
  })
  readonly byMonth: MonthTotalDto[];

  @ApiProperty({ type: () => [CategoryTotalDto] })
  readonly byCategory: CategoryTotalDto[];

  @ApiProperty()
  readonly monthsWithIncome: number;

  @ApiProperty({ type: () => MainIncomeSourceDto, nullable: true })
  readonly mainIncomeSource: MainIncomeSourceDto | null;
}

export class CurrencyIncomeDto {
  @ApiProperty({ example: 'USD' })
  readonly currency: string;

  @ApiProperty({ type: () => AggregationsDto, description: 'The aggregations of this currency’s income' })
  readonly aggregations: AggregationsDto;
}

export class CurrencyBalanceDto {
  @ApiProperty({ example: 'USD' })
  readonly currency: string;

  @ApiProperty({
    example: '5000.00',
    description: 'Current, savings and term-deposit balances in this currency',
  })
  readonly balance: string;

  @ApiProperty({
    example: '25400',
    nullable: true,
    type: String,
    description: 'Units of the base currency for one unit; "1" for the base currency; null: no rate',
  })
  readonly rate: string | null;

  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'The date of the rate used' })
  readonly rateDate: string | null;

  @ApiProperty({ example: '127000000.00', nullable: true, type: String })
  readonly inBaseCurrency: string | null;
}

export class MoneyHeldDto {
  @ApiProperty({ example: 'VND', description: 'SEGMENTS_BASE_CURRENCY when the report was built' })
  readonly baseCurrency: string;

  @ApiProperty({ type: () => [CurrencyBalanceDto] })
  readonly byCurrency: CurrencyBalanceDto[];

  @ApiProperty({ example: '277000000.00', description: 'The converted balances, summed' })
  readonly totalInBaseCurrency: string;

  @ApiProperty({
    type: [String],
    example: ['JPY'],
    description: 'Currencies left out of the totals because the FX table has no rate for them',
  })
  readonly missingRates: string[];
}

export class IncomeReportResponseDto {
  @ApiProperty({ format: 'uuid' })
  readonly id: string;

  @ApiProperty({ format: 'uuid' })
  readonly caseId: string;

  @ApiProperty({ example: 'VND' })
  readonly currency: string;

  @ApiProperty({ type: () => PeriodDto })
  readonly period: PeriodDto;

  @ApiProperty({ type: () => [IncomeTransactionDto] })
  readonly incomeTransactions: IncomeTransactionDto[];

  @ApiProperty({ type: () => AggregationsDto })
  readonly aggregations: AggregationsDto;

  @ApiProperty({
    type: () => [CurrencyIncomeDto],
    nullable: true,
    description:
      'Income per currency (every currency with income, the report currency included); null on reports built before it was kept',
  })
  readonly incomeByCurrency: CurrencyIncomeDto[] | null;

  @ApiProperty({
    example: '150000000.00',
    description:
      'CHECKING + SAVINGS + TERM_DEPOSIT balances of every currency, converted into the report currency with the FX table (currencies without a rate are in moneyHeld.missingRates)',
  })
  readonly totalBalance: string;

  @ApiProperty({
    type: () => MoneyHeldDto,
    nullable: true,
    description: 'Balances per currency and converted; null on reports built before it was kept',
  })
  readonly moneyHeld: MoneyHeldDto | null;

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
