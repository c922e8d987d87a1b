import { IsStorableText, IsIso4217Currency } from '@hub/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ACCOUNT_TYPES, type AccountType } from '../../../domain/income.types';
import { IsBookingDate, SIGNED_AMOUNT } from './common.dto';

export const DATA_SOURCE_TYPES = ['IMPORT', 'ODS_CASA'] as const;

export class ImportTransactionDto {
  @ApiProperty({
    example: 'TX-2026-10-25-0001',
    description: "The bank's transaction id, unique within the account",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsStorableText()
  readonly id!: string;

  @ApiProperty({
    example: '2026-10-25',
    format: 'date',
    description: 'A date that exists, years 1970 to 2099',
  })
  @IsBookingDate({ message: 'bookingDate must be a date YYYY-MM-DD that exists, years 1970 to 2099' })
  readonly bookingDate!: string;

  @ApiProperty({ example: '25000000.00', description: 'Signed decimal string; credits positive' })
  @Matches(SIGNED_AMOUNT, { message: 'amount must be a decimal string with at most 2 decimals' })
  readonly amount!: string;

  @ApiProperty({ example: 'VND' })
  @IsIso4217Currency()
  readonly currency!: string;

  @ApiProperty({ example: 'Lương tháng 10/2026' })
  @IsString()
  @MaxLength(1000)
  @IsStorableText('lineBreaks')
  readonly purpose!: string;

  @ApiProperty({ example: 'CONG TY ABC' })
  @IsString()
  @MaxLength(500)
  @IsStorableText('lineBreaks')
  readonly counterpartName!: string;

  @ApiPropertyOptional({ example: '0011001234567' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @IsStorableText()
  readonly counterpartAccount?: string;
}

export class ImportAccountDto {
  @ApiProperty({ example: '0011001234567' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @IsStorableText()
  readonly accountNumber!: string;

  @ApiProperty({ enum: ACCOUNT_TYPES })
  @IsIn(ACCOUNT_TYPES)
  readonly type!: AccountType;

  @ApiProperty({ example: 'VND' })
  @IsIso4217Currency()
  readonly currency!: string;

  @ApiProperty({ example: '15000000.00', description: 'Signed decimal string' })
  @Matches(SIGNED_AMOUNT, { message: 'balance must be a decimal string with at most 2 decimals' })
  readonly balance!: string;

  @ApiProperty({ type: () => [ImportTransactionDto] })
  @IsArray()
  @ArrayMaxSize(20000)
  @ValidateNested({ each: true })
  @Type(() => ImportTransactionDto)
  readonly transactions!: ImportTransactionDto[];
}

/**
 * POST /financial-segments/v1/users/{userId}/data-sources: `IMPORT` (the web form's result: a bank
 * with its accounts and transactions) or `ODS_CASA` (the bank's own CASA accounts of a CIF).
 */
export class CreateDataSourceRequestDto {
  @ApiProperty({ enum: DATA_SOURCE_TYPES })
  @IsIn(DATA_SOURCE_TYPES)
  readonly type!: (typeof DATA_SOURCE_TYPES)[number];

  @ApiPropertyOptional({ example: 'Vietcombank', description: 'Required for IMPORT' })
  @ValidateIf((o: CreateDataSourceRequestDto) => o.type === 'IMPORT' || o.bankName !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsStorableText()
  readonly bankName?: string;

  @ApiPropertyOptional({ type: () => [ImportAccountDto], description: 'Required for IMPORT' })
  @ValidateIf((o: CreateDataSourceRequestDto) => o.type === 'IMPORT' || o.accounts !== undefined)
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique((a: ImportAccountDto) => a?.accountNumber, {
    message: 'accounts must have distinct account numbers',
  })
  @ValidateNested({ each: true })
  @Type(() => ImportAccountDto)
  readonly accounts?: ImportAccountDto[];

  @ApiPropertyOptional({ example: '7700000001', description: 'Required for ODS_CASA' })
  @ValidateIf((o: CreateDataSourceRequestDto) => o.type === 'ODS_CASA' || o.cif !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  @IsStorableText()
  readonly cif?: string;
}

export class DataSourceResponseDto {
  @ApiProperty({ format: 'uuid', description: 'The same for every import of the same bank (or CIF)' })
  readonly dataSourceId!: string;

  @ApiProperty({ description: 'Accounts in this import (created or updated)' })
  readonly accounts!: number;

  @ApiProperty({ description: 'Transactions this import added; ids already known are not added again' })
  readonly transactions!: number;
}
