import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CARD_SCOPES, CUSTOMER_TYPES, type CardScope, type CustomerType } from '../../../domain/customer';
import { AdditionalAddressDto, CustomerAddressDto } from './customer-address.dto';

/**
 * POST /card-registry/v1/customers. The DTO checks types and lengths; the domain checks the rest
 * (required fields by type, country, locale, phones, e-mail, date) and reports every field at once.
 */
export class CreateCustomerRequestDto {
  @ApiProperty({ enum: CUSTOMER_TYPES, example: 'PRIVATE' })
  @IsIn(CUSTOMER_TYPES)
  readonly type!: CustomerType;

  @ApiPropertyOptional({ example: 'Mr', maxLength: 32, description: 'PRIVATE only' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  readonly salutation?: string;

  @ApiPropertyOptional({
    example: 'An',
    maxLength: 100,
    description: 'Required for PRIVATE; not allowed for CORPORATE',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly firstName?: string;

  @ApiPropertyOptional({ example: 'Van', maxLength: 100, description: 'PRIVATE only' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly middleName?: string;

  @ApiPropertyOptional({
    example: 'Nguyen',
    maxLength: 100,
    description: 'Required for PRIVATE; not allowed for CORPORATE',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly lastName?: string;

  @ApiPropertyOptional({
    example: 'Fleet vehicle 51A-12345',
    maxLength: 200,
    description:
      'Required for CORPORATE (a company, department, vehicle or cost centre); not allowed for PRIVATE',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly name?: string;

  @ApiPropertyOptional({ example: '1990-05-14', description: 'YYYY-MM-DD, a real date, not in the future' })
  @IsOptional()
  @IsString()
  readonly dateOfBirth?: string;

  @ApiPropertyOptional({ example: 'an.nguyen@example.vn', maxLength: 254 })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  readonly email?: string;

  @ApiPropertyOptional({
    example: '+842438251234',
    maxLength: 32,
    description: 'Any phone; national numbers are read in the address country. Returned in E.164',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  readonly phoneNumber?: string;

  @ApiPropertyOptional({
    example: '+84912345678',
    maxLength: 32,
    description:
      'A mobile line (needed for SMS OTP on wallet cards); national numbers are read in the address country. Returned in E.164',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  readonly mobileNumber?: string;

  @ApiProperty({ type: () => CustomerAddressDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerAddressDto)
  readonly address!: CustomerAddressDto;

  @ApiProperty({
    example: 'vi-VN',
    maxLength: 64,
    description:
      "BCP 47 language tag; the underscore form of Enfuce's examples (`fi_FI`) is accepted and stored as `fi-FI`",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly locale!: string;

  @ApiPropertyOptional({
    example: 'VNM',
    description: 'ISO 3166-1 alpha-3 (case-insensitive in, upper case out)',
    minLength: 3,
    maxLength: 3,
  })
  @IsOptional()
  @IsString()
  readonly nationality?: string;

  @ApiPropertyOptional({
    example: 'VNM',
    description: 'ISO 3166-1 alpha-3 (case-insensitive in, upper case out)',
    minLength: 3,
    maxLength: 3,
  })
  @IsOptional()
  @IsString()
  readonly countryOfBirth?: string;

  @ApiPropertyOptional({
    type: () => [AdditionalAddressDto],
    maxItems: 4,
    description:
      'Addresses for statements, card delivery, the PIN mailer or a temporary stay; at most one per type.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => AdditionalAddressDto)
  readonly additionalAddresses?: AdditionalAddressDto[];

  @ApiProperty({ example: 'CRM-000123', maxLength: 64, description: 'E.g. a CRM number or VAT number' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly customerNumber!: string;

  @ApiProperty({
    example: '079090001234',
    maxLength: 64,
    description:
      "Registration number (e.g. national ID / social security number). Unique among the institution's SHARED customers; stored trimmed, without spaces, upper case",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly regNo!: string;

  @ApiPropertyOptional({
    enum: CARD_SCOPES,
    default: 'SHARED',
    description:
      "SHARED: the institution's one record of this customer. DEDICATED: a customer of its own for one digital-wallet card (may repeat a regNo)",
  })
  @IsOptional()
  @IsIn(CARD_SCOPES)
  readonly cardScope?: CardScope;
}
