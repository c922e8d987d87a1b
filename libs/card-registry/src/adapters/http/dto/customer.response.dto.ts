import type { Wire } from '@hub/platform';
import { ApiProperty } from '@nestjs/swagger';
import {
  ADDITIONAL_ADDRESS_TYPES,
  CARD_SCOPES,
  CUSTOMER_TYPES,
  type AdditionalAddressType,
  type CardScope,
  type CustomerType,
} from '../../../domain/customer';
import type { CustomerView, CustomerVersionView } from '../../../domain/customer-views';

export class CustomerAddressResponseDto {
  @ApiProperty({ example: '12 Ly Thai To' })
  readonly address1!: string;

  @ApiProperty({ example: null, nullable: true, type: String })
  readonly address2!: string | null;

  @ApiProperty({ example: 'Ha Noi' })
  readonly city!: string;

  @ApiProperty({ example: '100000' })
  readonly zipCode!: string;

  @ApiProperty({ example: 'VNM', description: 'ISO 3166-1 alpha-3' })
  readonly country!: string;
}

export class AdditionalAddressResponseDto extends CustomerAddressResponseDto {
  @ApiProperty({ enum: ADDITIONAL_ADDRESS_TYPES, example: 'CARD_DELIVERY' })
  readonly type!: AdditionalAddressType;
}

export class CustomerResponseDto implements Wire<CustomerView> {
  @ApiProperty({ format: 'uuid' })
  readonly id!: string;

  @ApiProperty({ example: 'INST-A', description: 'The issuer the customer belongs to (from the token)' })
  readonly institutionId!: string;

  @ApiProperty({ enum: CUSTOMER_TYPES })
  readonly type!: CustomerType;

  @ApiProperty({ nullable: true, type: String, example: 'Mr' })
  readonly salutation!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'An' })
  readonly firstName!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Van' })
  readonly middleName!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Nguyen' })
  readonly lastName!: string | null;

  @ApiProperty({ nullable: true, type: String, example: null, description: 'CORPORATE customers' })
  readonly name!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date', example: '1990-05-14' })
  readonly dateOfBirth!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'an.nguyen@example.vn' })
  readonly email!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '+842438251234', description: 'E.164' })
  readonly phoneNumber!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '+84912345678', description: 'E.164' })
  readonly mobileNumber!: string | null;

  @ApiProperty({ type: () => CustomerAddressResponseDto })
  readonly address!: CustomerAddressResponseDto;

  @ApiProperty({
    type: () => [AdditionalAddressResponseDto],
    description: 'At most one per type; [] when none',
  })
  readonly additionalAddresses!: AdditionalAddressResponseDto[];

  @ApiProperty({ example: 'vi-VN', description: 'BCP 47' })
  readonly locale!: string;

  @ApiProperty({ nullable: true, type: String, example: 'VNM', description: 'ISO 3166-1 alpha-3' })
  readonly nationality!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'VNM', description: 'ISO 3166-1 alpha-3' })
  readonly countryOfBirth!: string | null;

  @ApiProperty({ example: 'CRM-000123' })
  readonly customerNumber!: string;

  @ApiProperty({ example: '079090001234' })
  readonly regNo!: string;

  @ApiProperty({ enum: CARD_SCOPES })
  readonly cardScope!: CardScope;

  @ApiProperty({ example: 1, description: 'Also the ETag ("1"); send it back in If-Match' })
  readonly version!: number;

  @ApiProperty({ format: 'date-time' })
  readonly createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  readonly updatedAt!: string;

  static from(r: CustomerView): CustomerResponseDto {
    // The view already has the wire shape (the class implements Wire<…>, so drift does not compile).
    return { ...r, additionalAddresses: [...r.additionalAddresses] };
  }
}

export class CustomerSearchResponseDto {
  @ApiProperty({ type: () => [CustomerResponseDto] })
  readonly items!: CustomerResponseDto[];

  @ApiProperty({ example: 1, description: 'Customers matching, on every page' })
  readonly total!: number;

  @ApiProperty({ example: 1 })
  readonly page!: number;

  @ApiProperty({ example: 50 })
  readonly pageSize!: number;
}

export class CustomerVersionResponseDto implements Wire<CustomerVersionView> {
  @ApiProperty({ example: 1 })
  readonly version!: number;

  @ApiProperty({ format: 'date-time' })
  readonly receivedAt!: string;

  @ApiProperty({ type: () => CustomerResponseDto, description: 'The customer as recorded at this version' })
  readonly data!: CustomerResponseDto;

  static from(v: CustomerVersionView): CustomerVersionResponseDto {
    return { version: v.version, receivedAt: v.receivedAt, data: CustomerResponseDto.from(v.data) };
  }
}

/** GET .../customers/{id}/history: one page of the versions, oldest first. */
export class CustomerVersionListResponseDto {
  @ApiProperty({ type: () => [CustomerVersionResponseDto] })
  readonly items!: CustomerVersionResponseDto[];

  @ApiProperty({ example: 3, description: 'Versions of the customer, on every page' })
  readonly total!: number;

  @ApiProperty({ example: 1 })
  readonly page!: number;

  @ApiProperty({ example: 50 })
  readonly pageSize!: number;
}
