import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ADDITIONAL_ADDRESS_TYPES, type AdditionalAddressType } from '../../../domain/customer';

export class CustomerAddressDto {
  @ApiProperty({ example: '12 Ly Thai To', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly address1!: string;

  @ApiPropertyOptional({ type: String, example: 'Floor 9', maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly address2?: string | null;

  @ApiProperty({ example: 'Ha Noi', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly city!: string;

  @ApiProperty({ example: '100000', maxLength: 16 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(16)
  readonly zipCode!: string;

  @ApiProperty({
    example: 'VNM',
    description: 'ISO 3166-1 alpha-3 country code (an officially assigned one)',
    minLength: 3,
    maxLength: 3,
  })
  @IsString()
  @IsNotEmpty()
  readonly country!: string;
}

/** PATCH: any subset of the address; `null` clears `address2`. */
export class PatchCustomerAddressDto {
  @ApiPropertyOptional({ type: String, example: '12 Ly Thai To', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly address1?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Floor 9', maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly address2?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Ha Noi', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly city?: string | null;

  @ApiPropertyOptional({ type: String, example: '100000', maxLength: 16 })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  readonly zipCode?: string | null;

  @ApiPropertyOptional({ type: String, example: 'VNM', description: 'ISO 3166-1 alpha-3 country code' })
  @IsOptional()
  @IsString()
  readonly country?: string | null;
}

/** One of Enfuce's additional addresses: at most one per `type`. */
export class AdditionalAddressDto extends CustomerAddressDto {
  @ApiProperty({ enum: ADDITIONAL_ADDRESS_TYPES, example: 'CARD_DELIVERY' })
  @IsIn(ADDITIONAL_ADDRESS_TYPES)
  readonly type!: AdditionalAddressType;
}
