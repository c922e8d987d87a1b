// Over 300 lines on purpose: declarations only: the summary's wire objects, for Swagger; no logic.
import type { Wire } from '@hub/platform';
import { ApiProperty } from '@nestjs/swagger';
import type {
  BasicInfo,
  CasaSummary,
  CurrencyTotal,
  CustomerSummary,
  FacilitySummary,
  FixedDepositSummary,
  LendingInfo,
  NonLendingInfo,
  PaymentSummary,
  PayrollSummary,
} from '../../../domain/customer-summary';
import type { OdsAddress, OdsLegalId } from '../../../domain/ods-snapshot';
import type { CustomerSummaryView } from '../../../application/customer-summary.service';
import { DATA_QUALITY_CODES } from '../../../domain/data-quality';
import type { DataAsOf } from '../../../domain/ods-snapshot-record';
import { EXTRACTED_AT_SOURCES } from '../../../domain/ods-snapshot-record';
import {
  SUMMARY_WARNING_CODES,
  warningText,
  type SummaryWarning,
} from '../../../domain/customer-summary.warnings';

type Language = 'en' | 'vi';

const money = (example: string, nullable = false) => ({
  type: String,
  example,
  nullable,
  description: 'Decimal string',
});
const date = (nullable = true) => ({ type: String, format: 'date', nullable, example: '2026-10-05' });

export class LegalIdDto implements Wire<OdsLegalId> {
  @ApiProperty({ enum: ['CCCD', 'CMND', 'PASSPORT'] }) readonly type!: string;
  @ApiProperty({ example: '079090001234' }) readonly number!: string;
  @ApiProperty(date()) readonly issueDate!: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly issuePlace!: string | null;

  static from(l: OdsLegalId): LegalIdDto {
    return { type: l.type, number: l.number, issueDate: l.issueDate, issuePlace: l.issuePlace };
  }
}

export class AddressDto implements Wire<OdsAddress> {
  @ApiProperty({ enum: ['PERMANENT', 'CONTACT'] }) readonly type!: string;
  @ApiProperty({ example: '12 Lê Lợi' }) readonly line!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Phường Bến Nghé' }) readonly ward!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Quận 1' }) readonly district!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Thành phố Hồ Chí Minh' }) readonly province!:
    string | null;
  @ApiProperty({ example: 'VNM', description: 'ISO 3166 alpha-3' }) readonly country!: string;

  static from(a: OdsAddress): AddressDto {
    return {
      type: a.type,
      line: a.line,
      ward: a.ward,
      district: a.district,
      province: a.province,
      country: a.country,
    };
  }
}

export class BasicInfoDto implements Wire<BasicInfo> {
  @ApiProperty({ example: 'Nguyễn Văn An' }) readonly fullName!: string;
  @ApiProperty(date()) readonly dateOfBirth!: string | null;
  @ApiProperty({ enum: ['M', 'F', 'O'], nullable: true }) readonly gender!: string | null;
  @ApiProperty({ type: () => [LegalIdDto] }) readonly legalIds!: LegalIdDto[];
  @ApiProperty({ type: [String], example: ['+84912000111'], description: 'E.164' })
  readonly mobileNumbers!: string[];
  @ApiProperty({ type: String, nullable: true, example: 'an.nguyen@example.vn' }) readonly email!:
    string | null;
  @ApiProperty({ type: () => [AddressDto] }) readonly addresses!: AddressDto[];

  static from(b: BasicInfo): BasicInfoDto {
    return {
      fullName: b.fullName,
      dateOfBirth: b.dateOfBirth,
      gender: b.gender,
      legalIds: b.legalIds.map(LegalIdDto.from),
      mobileNumbers: [...b.mobileNumbers],
      email: b.email,
      addresses: b.addresses.map(AddressDto.from),
    };
  }
}

export class OverdueDto {
  @ApiProperty({ example: 45 }) readonly daysPastDue!: number;
  @ApiProperty(money('3500000.00')) readonly overdueAmount!: string;
  @ApiProperty({
    enum: [1, 2, 3, 4, 5],
    description: 'SBV Circular 31/2024 group (from the ODS, else from days past due)',
  })
  readonly debtGroup!: number;
  @ApiProperty({ description: 'Debt groups 3 to 5' }) readonly nonPerforming!: boolean;
}

export class PaymentDto implements Wire<PaymentSummary> {
  @ApiProperty({ example: '2026-10', description: 'YYYY-MM' }) readonly period!: string;
  @ApiProperty(money('3500000.00', true)) readonly dueAmount!: string | null;
  @ApiProperty(money('3500000.00', true)) readonly paidAmount!: string | null;
  @ApiProperty(date()) readonly paidDate!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 0 }) readonly daysLate!: number | null;

  static from(p: PaymentSummary): PaymentDto {
    return {
      period: p.period,
      dueAmount: p.dueAmount,
      paidAmount: p.paidAmount,
      paidDate: p.paidDate,
      daysLate: p.daysLate,
    };
  }
}

export class FacilityDto implements Wire<FacilitySummary> {
  @ApiProperty({ example: 'UL770000000101' }) readonly contractNumber!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Vay tiêu dùng tín chấp' }) readonly productName!:
    string | null;
  @ApiProperty({ example: 'VND' }) readonly currency!: string;
  @ApiProperty(money('50000000.00', true)) readonly limitAmount!: string | null;
  @ApiProperty(money('100000000.00', true)) readonly disbursedAmount!: string | null;
  @ApiProperty(money('80000000.00')) readonly outstandingBalance!: string;
  @ApiProperty({ enum: ['ACTIVE', 'CLOSED', 'WRITTEN_OFF'] }) readonly status!: string;
  @ApiProperty(date()) readonly openDate!: string | null;
  @ApiProperty(date()) readonly maturityDate!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '0.1250', description: 'Decimal string, 4 decimals' })
  readonly interestRate!: string | null;
  @ApiProperty({ type: () => OverdueDto }) readonly overdue!: OverdueDto;
  @ApiProperty({ type: () => [PaymentDto], description: 'Newest first' })
  readonly paymentHistory!: PaymentDto[];

  static from(f: FacilitySummary): FacilityDto {
    return {
      contractNumber: f.contractNumber,
      productName: f.productName,
      currency: f.currency,
      limitAmount: f.limitAmount,
      disbursedAmount: f.disbursedAmount,
      outstandingBalance: f.outstandingBalance,
      status: f.status,
      openDate: f.openDate,
      maturityDate: f.maturityDate,
      interestRate: f.interestRate,
      overdue: {
        daysPastDue: f.overdue.daysPastDue,
        overdueAmount: f.overdue.overdueAmount,
        debtGroup: f.overdue.debtGroup,
        nonPerforming: f.overdue.nonPerforming,
      },
      paymentHistory: f.paymentHistory.map(PaymentDto.from),
    };
  }
}

export class CurrencyTotalDto implements Wire<CurrencyTotal> {
  @ApiProperty({ example: 'VND' }) readonly currency!: string;
  @ApiProperty(money('180000000.00')) readonly outstanding!: string;
  @ApiProperty(money('3500000.00')) readonly overdue!: string;

  static from(t: CurrencyTotal): CurrencyTotalDto {
    return { currency: t.currency, outstanding: t.outstanding, overdue: t.overdue };
  }
}

export class LendingInfoDto implements Wire<LendingInfo> {
  @ApiProperty({ type: () => [FacilityDto] }) readonly creditCards!: FacilityDto[];
  @ApiProperty({ type: () => [FacilityDto] }) readonly securedLoans!: FacilityDto[];
  @ApiProperty({ type: () => [FacilityDto] }) readonly unsecuredLoans!: FacilityDto[];
  @ApiProperty({ type: () => [FacilityDto] }) readonly revolvingLoans!: FacilityDto[];
  @ApiProperty({ type: () => [FacilityDto] }) readonly overdrafts!: FacilityDto[];
  @ApiProperty({ type: () => [CurrencyTotalDto], description: 'Per currency, ACTIVE facilities only' })
  readonly totals!: CurrencyTotalDto[];
  @ApiProperty({ example: 45, description: 'Over facilities still owed (ACTIVE, WRITTEN_OFF)' })
  readonly maxDaysPastDue!: number;
  @ApiProperty({
    enum: [1, 2, 3, 4, 5],
    nullable: true,
    description: 'Over facilities still owed; null when none',
  })
  readonly worstDebtGroup!: number | null;

  static from(l: LendingInfo): LendingInfoDto {
    return {
      creditCards: l.creditCards.map(FacilityDto.from),
      securedLoans: l.securedLoans.map(FacilityDto.from),
      unsecuredLoans: l.unsecuredLoans.map(FacilityDto.from),
      revolvingLoans: l.revolvingLoans.map(FacilityDto.from),
      overdrafts: l.overdrafts.map(FacilityDto.from),
      totals: l.totals.map(CurrencyTotalDto.from),
      maxDaysPastDue: l.maxDaysPastDue,
      worstDebtGroup: l.worstDebtGroup,
    };
  }
}

export class FixedDepositDto implements Wire<FixedDepositSummary> {
  @ApiProperty({ example: '1000000000013' }) readonly accountNumber!: string;
  @ApiProperty({ type: String, nullable: true }) readonly productName!: string | null;
  @ApiProperty({ example: 'VND' }) readonly currency!: string;
  @ApiProperty(money('100000000.00', true)) readonly principalAmount!: string | null;
  @ApiProperty(money('100000000.00')) readonly balance!: string;
  @ApiProperty({ type: String, nullable: true, example: '0.0550' }) readonly interestRate!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 12 }) readonly termMonths!: number | null;
  @ApiProperty(date()) readonly openDate!: string | null;
  @ApiProperty(date()) readonly maturityDate!: string | null;
  @ApiProperty({ enum: ['ACTIVE', 'CLOSED'] }) readonly status!: string;

  static from(f: FixedDepositSummary): FixedDepositDto {
    return {
      accountNumber: f.accountNumber,
      productName: f.productName,
      currency: f.currency,
      principalAmount: f.principalAmount,
      balance: f.balance,
      interestRate: f.interestRate,
      termMonths: f.termMonths,
      openDate: f.openDate,
      maturityDate: f.maturityDate,
      status: f.status,
    };
  }
}

export class CasaDto implements Wire<CasaSummary> {
  @ApiProperty({ example: '1000000000011' }) readonly accountNumber!: string;
  @ApiProperty({ enum: ['CURRENT', 'SAVINGS'] }) readonly type!: string;
  @ApiProperty({ type: String, nullable: true }) readonly productName!: string | null;
  @ApiProperty({ example: 'VND' }) readonly currency!: string;
  @ApiProperty(money('15250000.00')) readonly balance!: string;
  @ApiProperty(money('15000000.00', true)) readonly availableBalance!: string | null;
  @ApiProperty({ enum: ['ACTIVE', 'CLOSED'] }) readonly status!: string;

  static from(c: CasaSummary): CasaDto {
    return {
      accountNumber: c.accountNumber,
      type: c.type,
      productName: c.productName,
      currency: c.currency,
      balance: c.balance,
      availableBalance: c.availableBalance,
      status: c.status,
    };
  }
}

export class PayrollCreditDto {
  @ApiProperty({ example: '2026-10' }) readonly period!: string;
  @ApiProperty(money('25000000.00')) readonly amount!: string;
  @ApiProperty(date()) readonly creditDate!: string | null;
}

export class PayrollDto implements Wire<PayrollSummary> {
  @ApiProperty({ example: 'Công ty TNHH ABC' }) readonly employerName!: string;
  @ApiProperty({ example: 'VND' }) readonly currency!: string;
  @ApiProperty(date()) readonly lastCreditDate!: string | null;
  @ApiProperty({
    ...money('25000000.00'),
    description: 'Mean of the 6 most recent periods (fewer if fewer), 2 decimals',
  })
  readonly averageLast6Months!: string;
  @ApiProperty({ type: () => [PayrollCreditDto], description: 'Newest first' })
  readonly credits!: PayrollCreditDto[];

  static from(p: PayrollSummary): PayrollDto {
    return {
      employerName: p.employerName,
      currency: p.currency,
      lastCreditDate: p.lastCreditDate,
      averageLast6Months: p.averageLast6Months,
      credits: p.credits.map((c) => ({ period: c.period, amount: c.amount, creditDate: c.creditDate })),
    };
  }
}

export class NonLendingInfoDto implements Wire<NonLendingInfo> {
  @ApiProperty({ type: () => [FixedDepositDto] }) readonly fixedDeposits!: FixedDepositDto[];
  @ApiProperty({ type: () => [CasaDto] }) readonly casa!: CasaDto[];
  @ApiProperty({ type: () => PayrollDto, nullable: true }) readonly payroll!: PayrollDto | null;

  static from(n: NonLendingInfo): NonLendingInfoDto {
    return {
      fixedDeposits: n.fixedDeposits.map(FixedDepositDto.from),
      casa: n.casa.map(CasaDto.from),
      payroll: n.payroll ? PayrollDto.from(n.payroll) : null,
    };
  }
}

export class DataAsOfDto implements Wire<DataAsOf> {
  @ApiProperty({
    type: String,
    format: 'date-time',
    example: '2026-10-31T18:00:00.000Z',
    description: 'When the ODS extracted the data (the load time when extractedAtSource is LOAD_TIME)',
  })
  readonly extractedAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    example: '2026-10-31T19:05:12.345Z',
    description: 'When the data was loaded into the ODS the hub reads',
  })
  readonly loadedAt!: string;
  @ApiProperty({
    enum: EXTRACTED_AT_SOURCES,
    example: 'ODS',
    description: "ODS: the snapshot's own extractedAt; LOAD_TIME: loaded before the feed carried one",
  })
  readonly extractedAtSource!: string;

  static from(d: DataAsOf): DataAsOfDto {
    return { extractedAt: d.extractedAt, loadedAt: d.loadedAt, extractedAtSource: d.extractedAtSource };
  }
}

export class SummaryWarningDto {
  @ApiProperty({ enum: SUMMARY_WARNING_CODES, example: 'STALE_DATA' }) readonly code!: string;
  @ApiProperty({ example: '7700000001', description: 'The CIF the warning is about' }) readonly cif!: string;
  @ApiProperty({
    example: 'The data is older than the freshness limit: check dataAsOf before deciding',
    description: 'In the Accept-Language (en or vi)',
  })
  readonly message!: string;

  static from(w: SummaryWarning, language: Language): SummaryWarningDto {
    return { code: w.code, cif: w.cif, message: warningText(w.code)[language] };
  }
}

export class CustomerSummaryResponseDto implements Wire<CustomerSummary> {
  @ApiProperty({ example: '7700000001' }) readonly cif!: string;
  @ApiProperty({ enum: ['ACTIVE', 'DORMANT', 'CLOSED'] }) readonly status!: string;
  @ApiProperty({ type: () => BasicInfoDto }) readonly basicInfo!: BasicInfoDto;
  @ApiProperty({ type: () => LendingInfoDto }) readonly lendingInfo!: LendingInfoDto;
  @ApiProperty({ type: () => NonLendingInfoDto }) readonly nonLendingInfo!: NonLendingInfoDto;
  @ApiProperty({ type: () => DataAsOfDto, description: 'How old the data is' })
  readonly dataAsOf!: DataAsOfDto;
  @ApiProperty({
    enum: DATA_QUALITY_CODES,
    isArray: true,
    example: ['SHARED_MOBILE_NUMBER'],
    description:
      "CCCD_BIRTH_YEAR_MISMATCH / CCCD_GENDER_MISMATCH: the CCCD's digits disagree with the date of birth / gender; " +
      "SHARED_LEGAL_ID / SHARED_MOBILE_NUMBER: another open CIF holds one of this CIF's legal IDs / mobiles",
  })
  readonly dataQualityFlags!: string[];

  static from(s: CustomerSummary): CustomerSummaryResponseDto {
    return {
      cif: s.cif,
      status: s.status,
      basicInfo: BasicInfoDto.from(s.basicInfo),
      lendingInfo: LendingInfoDto.from(s.lendingInfo),
      nonLendingInfo: NonLendingInfoDto.from(s.nonLendingInfo),
      dataAsOf: DataAsOfDto.from(s.dataAsOf),
      dataQualityFlags: [...s.dataQualityFlags],
    };
  }
}

export class GetCusSummaryResponseDto implements Wire<CustomerSummaryView> {
  @ApiProperty({
    enum: [0, 1],
    description: '0: new to the bank; 1: the customer (several CIFs: 409 DUPLICATE_CIF)',
  })
  readonly total!: number;
  @ApiProperty({ type: () => [CustomerSummaryResponseDto] }) readonly data!: CustomerSummaryResponseDto[];
  @ApiProperty({
    type: () => [SummaryWarningDto],
    description:
      'Beside the data: STALE_DATA when the data was extracted longer ago than the limit (ODS_STALE_AFTER_HOURS, ' +
      'default 24), and one warning per data-quality flag of the CIF shown. Empty when there is nothing to say.',
  })
  readonly warnings!: SummaryWarningDto[];

  static from(r: CustomerSummaryView, language: Language = 'en'): GetCusSummaryResponseDto {
    return {
      total: r.total,
      data: r.data.map(CustomerSummaryResponseDto.from),
      warnings: r.warnings.map((w) => SummaryWarningDto.from(w, language)),
    };
  }
}
