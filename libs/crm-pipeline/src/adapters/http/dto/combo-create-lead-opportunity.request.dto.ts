import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import type { CustomerType } from '@hub/shared-kernel';
import { CATALOGUE_CODE_MAX_LENGTH } from '../../../application/crm-input';
import { IsCif, IsOwnerId } from './crm-input.decorators';

/**
 * combo-create (Appendix B). Types and lengths are checked here; the rules across fields (NTB needs
 * `legalId`, ETB needs `cif`, the legal ID and mobile formats) in the use case, with the same 400.
 */
export class ComboCreateLeadOpportunityRequestDto {
  @ApiProperty({
    enum: ['NTB', 'ETB'],
    description: 'NTB: new to bank (a lead); ETB: existing customer (an opportunity)',
  })
  @IsIn(['NTB', 'ETB'])
  readonly customerType!: CustomerType;

  @ApiProperty({ example: 'RM001', description: 'The relationship manager who owns the record' })
  @IsString()
  @IsOwnerId()
  readonly ownerId!: string;

  @ApiPropertyOptional({
    example: '079203001234',
    description: 'CMND, CCCD or passport number; required for NTB',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  readonly legalId?: string;

  @ApiPropertyOptional({ example: '0912345678', description: 'Vietnamese by default; stored in E.164' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  readonly mobileNumber?: string;

  @ApiPropertyOptional({ example: 'Nguyễn Văn An' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  readonly fullName?: string;

  @ApiPropertyOptional({ example: '7700000001', description: 'Required for ETB; refused for NTB' })
  @IsOptional()
  @IsString()
  @IsCif()
  readonly cif?: string;

  @ApiProperty({
    example: 'CREDIT_CARD',
    maxLength: CATALOGUE_CODE_MAX_LENGTH,
    description:
      'A product code of the catalogue (GET /integration-service/api/crm/v1/catalog; default: CASA, CREDIT_CARD, DEBIT_CARD, UNSECURED_LOAN, SECURED_LOAN, MORTGAGE, OVERDRAFT, TERM_DEPOSIT, INSURANCE, INVESTMENT). Any other value (free text such as "Credit Card", a lower-case code): 400 VALIDATION_FAILED with the allowed codes in the detail',
  })
  // Only the type here: whether it is a catalogue code (and not too long, nor control characters) is
  // the use case's one rule, whose 400 detail names the allowed codes (crm-input.ts).
  @IsString()
  readonly product!: string;

  @ApiProperty({
    example: 'MOBILE_APP',
    maxLength: CATALOGUE_CODE_MAX_LENGTH,
    description:
      'A channel code of the catalogue (default: MOBILE_APP, WEB, BRANCH, CALL_CENTER, PARTNER). Any other value: 400 VALIDATION_FAILED with the allowed codes in the detail',
  })
  @IsString()
  readonly channel!: string;

  @ApiPropertyOptional({
    example: '150000000.00',
    description: 'Expected deal value: a decimal string greater than 0, up to 2 decimals; needs currency',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  readonly amount?: string;

  @ApiPropertyOptional({ example: 'VND', description: 'ISO 4217; needs amount' })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  readonly currency?: string;

  @ApiPropertyOptional({ example: '2026-12-31', format: 'date', description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  readonly expectedCloseDate?: string;
}
