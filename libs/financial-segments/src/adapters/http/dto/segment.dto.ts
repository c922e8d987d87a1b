import { IsStorableText, IsIso4217Currency, type Wire } from '@hub/platform';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { INCOME_CATEGORIES, type IncomeCategory } from '../../../domain/income.types';
import { OFFER_KINDS, type OfferKind } from '../../../domain/segment-criteria';
import type {
  SegmentView,
  SegmentMemberView,
  UserOfferView,
} from '../../../application/ports/segment.repository';
import { AMOUNT, SIGNED_AMOUNT } from './common.dto';

/** A share from 0 to 1 with at most 4 decimals. */
export const SHARE = /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/;

/** The largest months-with-income threshold (a century of months; a report never holds more). */
export const MAX_MONTHS_WITH_INCOME = 1200;

export class SegmentCriteriaDto {
  @ApiPropertyOptional({ example: '100000000.00', description: 'totalBalance >= this' })
  @IsOptional()
  @Matches(AMOUNT, { message: 'minTotalBalance must be a non-negative decimal string' })
  readonly minTotalBalance?: string;

  @ApiPropertyOptional({ example: '5000000000.00', description: 'totalBalance <= this' })
  @IsOptional()
  @Matches(AMOUNT, { message: 'maxTotalBalance must be a non-negative decimal string' })
  readonly maxTotalBalance?: string;

  @ApiPropertyOptional({ example: '20000000.00', description: 'averageMonthlyIncome >= this' })
  @IsOptional()
  @Matches(AMOUNT, { message: 'minAverageMonthlyIncome must be a non-negative decimal string' })
  readonly minAverageMonthlyIncome?: string;

  @ApiPropertyOptional({
    example: 6,
    minimum: 0,
    maximum: MAX_MONTHS_WITH_INCOME,
    description: 'monthsWithIncome >= this',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_MONTHS_WITH_INCOME)
  readonly minMonthsWithIncome?: number;

  @ApiPropertyOptional({
    enum: INCOME_CATEGORIES,
    isArray: true,
    description:
      'Restricts the income criteria to income of these categories; alone, it asks for some income of these categories',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(INCOME_CATEGORIES, { each: true })
  readonly incomeCategories?: IncomeCategory[];

  @ApiPropertyOptional({
    example: '5000000.00',
    description: 'The cash-flow report’s averageMonthlyNet >= this (may be negative)',
  })
  @IsOptional()
  @Matches(SIGNED_AMOUNT, {
    message: 'minNetMonthlyCashFlow must be a decimal string with at most 2 decimals',
  })
  readonly minNetMonthlyCashFlow?: string;

  @ApiPropertyOptional({
    example: '0.05',
    description:
      'The cash-flow report’s gamblingShare <= this: a decimal string from 0 to 1, at most 4 decimals',
  })
  @IsOptional()
  @Matches(SHARE, {
    message: 'maxGamblingShare must be a decimal string from 0 to 1 with at most 4 decimals',
  })
  readonly maxGamblingShare?: string;

  @ApiPropertyOptional({
    description:
      'true: some day of the period ended below zero on the current and savings accounts; false: none did',
  })
  @IsOptional()
  @IsBoolean()
  readonly hadNegativeBalance?: boolean;
}

export class OfferDto {
  @ApiProperty({ example: 'PLATINUM_CARD' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @IsStorableText()
  readonly code!: string;

  @ApiProperty({ example: 'Thẻ tín dụng Platinum' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsStorableText()
  readonly name!: string;

  @ApiProperty({ enum: OFFER_KINDS })
  @IsIn(OFFER_KINDS)
  readonly kind!: OfferKind;
}

/** POST /financial-segments/v1/segments. */
export class CreateSegmentRequestDto {
  @ApiProperty({ example: 'Affluent salaried' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsStorableText()
  readonly name!: string;

  @ApiProperty({ example: 'VND', description: 'Users whose latest report is in this currency' })
  @IsIso4217Currency()
  readonly currency!: string;

  @ApiProperty({ type: () => SegmentCriteriaDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SegmentCriteriaDto)
  readonly criteria!: SegmentCriteriaDto;

  @ApiProperty({ type: () => [OfferDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique((o: OfferDto) => o?.code, { message: 'offers must have distinct codes' })
  @ValidateNested({ each: true })
  @Type(() => OfferDto)
  readonly offers!: OfferDto[];
}

/**
 * PATCH /financial-segments/v1/segments/{id}: what is given replaces what was there, `criteria`
 * and `offers` as a whole; null is the same as absent. A change of criteria or currency
 * re-evaluates the members.
 */
export class UpdateSegmentRequestDto extends PartialType(CreateSegmentRequestDto) {}

export class SegmentResponseDto implements Wire<SegmentView> {
  @ApiProperty({ format: 'uuid' })
  readonly id!: string;

  @ApiProperty()
  readonly name!: string;

  @ApiProperty({ example: 'VND' })
  readonly currency!: string;

  @ApiProperty({ type: () => SegmentCriteriaDto })
  readonly criteria!: SegmentCriteriaDto;

  @ApiProperty({ type: () => [OfferDto] })
  readonly offers!: OfferDto[];

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'The last evaluation over all users',
  })
  readonly evaluatedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly createdAt!: string;

  static from(s: SegmentView): SegmentResponseDto {
    return {
      id: s.id,
      name: s.name,
      currency: s.currency,
      criteria: {
        ...s.criteria,
        incomeCategories: s.criteria.incomeCategories ? [...s.criteria.incomeCategories] : undefined,
      },
      offers: s.offers.map((o) => ({ code: o.code, name: o.name, kind: o.kind })),
      evaluatedAt: s.evaluatedAt?.toISOString() ?? null,
      createdAt: s.createdAt.toISOString(),
    };
  }
}

export class SegmentsResponseDto {
  @ApiProperty({ type: () => [SegmentResponseDto] })
  readonly items!: SegmentResponseDto[];

  @ApiProperty()
  readonly total!: number;

  @ApiProperty({ example: 1 })
  readonly page!: number;

  @ApiProperty({ example: 50 })
  readonly pageSize!: number;
}

export class EvaluateSegmentResponseDto {
  @ApiProperty({ description: 'Members after this evaluation' })
  readonly members!: number;
}

export class SegmentMemberDto implements Wire<SegmentMemberView> {
  @ApiProperty({ format: 'uuid' })
  readonly userId!: string;

  @ApiProperty()
  readonly externalUserId!: string;

  @ApiProperty({ example: '150000000.00' })
  readonly totalBalance!: string;

  @ApiProperty({
    example: '25000000.00',
    description: 'Of the segment’s income categories when it restricts them',
  })
  readonly averageMonthlyIncome!: string;

  static from(m: SegmentMemberView): SegmentMemberDto {
    // The view already has the wire shape (the class implements Wire<…>, so drift does not compile).
    return m;
  }
}

export class SegmentMembersResponseDto {
  @ApiProperty({ type: () => [SegmentMemberDto] })
  readonly items!: SegmentMemberDto[];

  @ApiProperty()
  readonly total!: number;

  @ApiProperty({ example: 1 })
  readonly page!: number;

  @ApiProperty({ example: 50 })
  readonly pageSize!: number;
}

export class UserOfferResponseDto implements Wire<UserOfferView> {
  @ApiProperty({ format: 'uuid' })
  readonly segmentId!: string;

  @ApiProperty()
  readonly segmentName!: string;

  @ApiProperty()
  readonly code!: string;

  @ApiProperty()
  readonly name!: string;

  @ApiProperty({ enum: OFFER_KINDS })
  readonly kind!: OfferKind;

  static from(o: UserOfferView): UserOfferResponseDto {
    return o;
  }
}

/** GET .../users/{userId}/offers: one page of the offers, by segment (oldest first), then the segment's order. */
export class UserOffersResponseDto {
  @ApiProperty({ type: () => [UserOfferResponseDto] })
  readonly items!: UserOfferResponseDto[];

  @ApiProperty({ example: 2, description: "The user's offers, on every page" })
  readonly total!: number;

  @ApiProperty({ example: 1 })
  readonly page!: number;

  @ApiProperty({ example: 50 })
  readonly pageSize!: number;
}
