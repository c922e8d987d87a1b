import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CUSTOMER_TYPES, type CustomerType } from '../../../domain/customer';
import { AdditionalAddressDto, PatchCustomerAddressDto } from './customer-address.dto';

/**
 * PATCH /card-registry/v1/customers/{id}: any subset of the fields (JSON merge-patch: `null`
 * clears an optional field, `address` merges key by key). The merged customer is validated as a
 * whole. `cardScope` is fixed at creation.
 */
export class PatchCustomerRequestDto {
  @ApiPropertyOptional({ enum: CUSTOMER_TYPES })
  @IsOptional()
  @IsIn(CUSTOMER_TYPES)
  readonly type?: CustomerType;

  @ApiPropertyOptional({
    type: String,
    example: 'Mr',
    maxLength: 32,
    description: 'PRIVATE only',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  readonly salutation?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'An',
    maxLength: 100,
    description: 'Required for PRIVATE; not allowed for CORPORATE',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly firstName?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'Van',
    maxLength: 100,
    description: 'PRIVATE only',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly middleName?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'Nguyen',
    maxLength: 100,
    description: 'Required for PRIVATE; not allowed for CORPORATE',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly lastName?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'Fleet vehicle 51A-12345',
    maxLength: 200,
    description:
      'Required for CORPORATE (a company, department, vehicle or cost centre); not allowed for PRIVATE',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly name?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '1990-05-14',
    description: 'YYYY-MM-DD, a real date, not in the future',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  readonly dateOfBirth?: string | null;

  @ApiPropertyOptional({ type: String, example: 'an.nguyen@example.vn', maxLength: 254, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  readonly email?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '+842438251234',
    maxLength: 32,
    description: 'Any phone; national numbers are read in the address country. Returned in E.164',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  readonly phoneNumber?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '+84912345678',
    maxLength: 32,
    description:
      'A mobile line (needed for SMS OTP on wallet cards); national numbers are read in the address country. Returned in E.164',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  readonly mobileNumber?: string | null;

  @ApiPropertyOptional({ type: () => PatchCustomerAddressDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PatchCustomerAddressDto)
  readonly address?: PatchCustomerAddressDto;

  @ApiPropertyOptional({
    example: 'vi-VN',
    maxLength: 64,
    description:
      "BCP 47 language tag; the underscore form of Enfuce's examples (`fi_FI`) is accepted and stored as `fi-FI`",
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  readonly locale?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'VNM',
    description: 'ISO 3166-1 alpha-3 (case-insensitive in, upper case out)',
    minLength: 3,
    maxLength: 3,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  readonly nationality?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'VNM',
    description: 'ISO 3166-1 alpha-3 (case-insensitive in, upper case out)',
    minLength: 3,
    maxLength: 3,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  readonly countryOfBirth?: string | null;

  @ApiPropertyOptional({
    type: () => [AdditionalAddressDto],
    maxItems: 4,
    description:
      'Addresses for statements, card delivery, the PIN mailer or a temporary stay; at most one per type. Replaces the whole list; null clears it',
    nullable: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => AdditionalAddressDto)
  readonly additionalAddresses?: AdditionalAddressDto[] | null;

  @ApiPropertyOptional({
    example: 'CRM-000123',
    maxLength: 64,
    description: 'E.g. a CRM number or VAT number',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  readonly customerNumber?: string;

  @ApiPropertyOptional({
    example: '079090001234',
    maxLength: 64,
    description:
      "Registration number (e.g. national ID / social security number). Unique among the institution's SHARED customers; stored trimmed, without spaces, upper case",
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  readonly regNo?: string;
}
