import { IsIso4217Currency } from '@hub/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, Matches, ValidateNested } from 'class-validator';
import type { FxRate } from '../../../domain/money-held';
import { IsBookingDate } from './common.dto';

/** A positive rate: up to 18 integer digits and 10 decimals (numeric(28,10)), not zero. */
export const RATE = /^(?!0+(\.0+)?$)\d{1,18}(\.\d{1,10})?$/;

export class FxRateDto {
  @ApiProperty({ example: 'USD' })
  @IsIso4217Currency()
  readonly currency!: string;

  @ApiProperty({ format: 'date', example: '2026-11-30', description: 'The rate applies from this day on' })
  @IsBookingDate()
  readonly date!: string;

  @ApiProperty({
    example: '25400.00',
    description:
      'Units of the base currency for one unit of `currency`: a positive decimal string, up to 10 decimals',
  })
  @Matches(RATE, { message: 'rate must be a positive decimal string with at most 10 decimals' })
  readonly rate!: string;
}

/** PUT /financial-segments/v1/fx-rates. */
export class PutFxRatesRequestDto {
  @ApiProperty({ type: () => [FxRateDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => FxRateDto)
  readonly rates!: FxRateDto[];
}

export class PutFxRatesResponseDto {
  @ApiProperty({ example: 'VND', description: 'SEGMENTS_BASE_CURRENCY: what the rates convert into' })
  readonly baseCurrency!: string;

  @ApiProperty({ description: 'Rates stored (inserted or replaced)' })
  readonly rates!: number;
}

export class FxRatesQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    description: 'The rates in force on this day (default: today, UTC)',
  })
  @IsOptional()
  @IsBookingDate()
  readonly date?: string;
}

export class FxRatesResponseDto {
  @ApiProperty({ example: 'VND' })
  readonly baseCurrency!: string;

  @ApiProperty({ format: 'date' })
  readonly date!: string;

  @ApiProperty({
    type: () => [FxRateDto],
    description: 'The latest rate of each currency on or before `date`',
  })
  readonly rates!: FxRateDto[];

  static from(r: { baseCurrency: string; date: string; rates: FxRate[] }): FxRatesResponseDto {
    return {
      baseCurrency: r.baseCurrency,
      date: r.date,
      rates: r.rates.map((x) => ({ currency: x.currency, date: x.date, rate: x.rate })),
    };
  }
}
