import type { Wire } from '@hub/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { CARD_STATUSES, type CardStatus } from '../../../domain/card';
import type { CardView, CardVersionView } from '../../../domain/customer-views';

const EXPIRY_DESCRIPTION =
  'YYYY-MM: the month the card is valid through (printed MM/YY); not a month already over, at most 30 years ahead';

/**
 * POST /card-registry/v1/cards. A wallet card (`digitalWalletEnabled: true`) needs a DEDICATED
 * cardholder with a valid mobile number; a DEDICATED customer holds at most one card.
 */
export class CreateCardRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly accountId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly cardholderCustomerId!: string;

  @ApiProperty({ example: false })
  @IsBoolean()
  readonly digitalWalletEnabled!: boolean;

  @ApiPropertyOptional({
    example: 'AN NGUYEN',
    description: "2-26 characters of A-Z, 0-9, space and . , ' / & - (upper-cased)",
  })
  @IsOptional()
  @IsString()
  readonly embossName?: string;

  @ApiPropertyOptional({ example: '2030-12', description: EXPIRY_DESCRIPTION })
  @IsOptional()
  @IsString()
  readonly expiryDate?: string;
}

/**
 * PATCH /card-registry/v1/cards/{id}: any subset. `status`: ACTIVE <-> BLOCKED, either -> CLOSED
 * (terminal). Turning `digitalWalletEnabled` on checks the wallet rules again.
 */
export class PatchCardRequestDto {
  @ApiPropertyOptional({ enum: CARD_STATUSES, example: 'BLOCKED' })
  @IsOptional()
  @IsIn(CARD_STATUSES)
  readonly status?: CardStatus;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  readonly digitalWalletEnabled?: boolean;

  @ApiPropertyOptional({
    type: String,
    example: '2031-06',
    description: `${EXPIRY_DESCRIPTION}; null clears it`,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  readonly expiryDate?: string | null;
}

export class CardResponseDto implements Wire<CardView> {
  @ApiProperty({ format: 'uuid' })
  readonly id!: string;

  @ApiProperty({ example: 'INST-A' })
  readonly institutionId!: string;

  @ApiProperty({ format: 'uuid' })
  readonly accountId!: string;

  @ApiProperty({ format: 'uuid' })
  readonly cardholderCustomerId!: string;

  @ApiProperty()
  readonly digitalWalletEnabled!: boolean;

  @ApiProperty({ example: 'AN NGUYEN', nullable: true, type: String })
  readonly embossName!: string | null;

  @ApiProperty({ enum: CARD_STATUSES, example: 'ACTIVE' })
  readonly status!: CardStatus;

  @ApiProperty({ example: '2030-12', nullable: true, type: String, description: 'YYYY-MM' })
  readonly expiryDate!: string | null;

  @ApiProperty({ example: 1, description: 'Also the ETag ("1"); send it back in If-Match' })
  readonly version!: number;

  @ApiProperty({ format: 'date-time' })
  readonly createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  readonly updatedAt!: string;

  static from(c: CardView): CardResponseDto {
    // The view already has the wire shape (the class implements Wire<…>, so drift does not compile).
    return c;
  }
}

export class CardListResponseDto {
  @ApiProperty({ type: () => [CardResponseDto] })
  readonly items!: CardResponseDto[];

  @ApiProperty({ example: 1 })
  readonly total!: number;

  @ApiProperty({ example: 1 })
  readonly page!: number;

  @ApiProperty({ example: 50 })
  readonly pageSize!: number;
}

export class CardVersionResponseDto implements Wire<CardVersionView> {
  @ApiProperty({ example: 2 })
  readonly version!: number;

  @ApiProperty({ format: 'date-time' })
  readonly receivedAt!: string;

  @ApiProperty({ type: () => CardResponseDto, description: 'The card as recorded at this version' })
  readonly data!: CardResponseDto;

  static from(v: CardVersionView): CardVersionResponseDto {
    return { version: v.version, receivedAt: v.receivedAt, data: CardResponseDto.from(v.data) };
  }
}

/** GET .../cards/{id}/history: one page of the versions, oldest first. */
export class CardVersionListResponseDto {
  @ApiProperty({ type: () => [CardVersionResponseDto] })
  readonly items!: CardVersionResponseDto[];

  @ApiProperty({ example: 2, description: 'Versions of the card, on every page' })
  readonly total!: number;

  @ApiProperty({ example: 1 })
  readonly page!: number;

  @ApiProperty({ example: 50 })
  readonly pageSize!: number;
}
