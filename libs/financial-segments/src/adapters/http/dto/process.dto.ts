import { IsStorableText, type Wire } from '@hub/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  PROCESS_STATUSES,
  type ProcessView,
  type ProcessStatus,
} from '../../../application/ports/process.repository';

export const FORM_LANGUAGES = ['vi', 'en'] as const;

/** POST /financial-segments/v1/processes. */
export class CreateProcessRequestDto {
  @ApiProperty({ example: 'bank-app-user-42', description: "The bank app's id of the user" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsStorableText()
  readonly externalUserId!: string;

  @ApiPropertyOptional({
    example: 'https://app.bank.example/import-done',
    description:
      'Where the web form sends the browser once the user has confirmed or cancelled; checked like callback URLs (https to a public address)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  readonly redirectUrl?: string;

  @ApiPropertyOptional({
    example: 'https://bank.example/hooks/segments',
    description: 'Where the signed `process.completed` webhook goes when the user confirms the import',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  readonly callbackUrl?: string;

  @ApiPropertyOptional({ enum: FORM_LANGUAGES, default: 'vi', description: 'The language of the web form' })
  @IsOptional()
  @IsIn(FORM_LANGUAGES)
  readonly language?: (typeof FORM_LANGUAGES)[number];
}

export class ProcessResponseDto {
  @ApiProperty({
    example: 'pT7cF0uQm2Yw9L1bX4sK8eHn3Rj6Vd5Ga0Zi2Oq7Ue1',
    description:
      'Opaque token for this process, the credential of the web form (single use, valid PROCESS_TOKEN_TTL, default 30 minutes); only its hash is stored',
  })
  readonly processToken!: string;

  @ApiProperty({
    format: 'uuid',
    example: '5c9e2a71-0b3d-4f8e-a6c4-7d1e9b2f3a60',
    description: 'The same for every process of the same external user',
  })
  readonly userId!: string;

  @ApiProperty({
    format: 'uuid',
    example: 'c4b1a9e3-7f20-4d5c-8a6e-0b3f2d1c9e87',
    description: 'Poll GET /processes/{processId} for its status',
  })
  readonly processId!: string;

  @ApiProperty({
    example: 'https://hub.bank.example/financial-segments/v1/web-form/3q2-7wEXAMPLE',
    description: 'The page the bank app opens for the user to import statements',
  })
  readonly webFormUrl!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-02T03:45:00.000Z' })
  readonly expiresAt!: string;
}

export class ProcessConsentDto {
  @ApiProperty({ example: 'seg-import-consent-2026-12-01' })
  readonly textVersion!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-02T03:21:09.512Z' })
  readonly givenAt!: string;

  @ApiProperty({ type: [String], example: ['ACCOUNTS', 'BALANCES', 'TRANSACTIONS'] })
  readonly scope!: string[];
}

// The URLs stay out of the answer; `usedAt` is answered as `finishedAt`.
export class ProcessStatusResponseDto implements Wire<
  Omit<ProcessView, 'redirectUrl' | 'callbackUrl' | 'usedAt'>
> {
  @ApiProperty({ format: 'uuid', example: 'c4b1a9e3-7f20-4d5c-8a6e-0b3f2d1c9e87' })
  readonly id!: string;

  @ApiProperty({ format: 'uuid', example: '5c9e2a71-0b3d-4f8e-a6c4-7d1e9b2f3a60' })
  readonly userId!: string;

  @ApiProperty({
    enum: PROCESS_STATUSES,
    description:
      'WAITING_FOR_USER until the user confirms (COMPLETED) or cancels (ABORTED) in the web form, or the token expires (EXPIRED)',
  })
  readonly status!: ProcessStatus;

  @ApiProperty({ format: 'date-time', example: '2026-11-02T03:15:00.000Z' })
  readonly createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-02T03:45:00.000Z' })
  readonly expiresAt!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-02T03:21:09.512Z',
    description: 'When the user confirmed or cancelled',
  })
  readonly finishedAt!: string | null;

  @ApiProperty({ enum: FORM_LANGUAGES })
  readonly language!: string;

  @ApiPropertyOptional({
    type: ProcessConsentDto,
    nullable: true,
    description: 'The consent given on confirming',
  })
  readonly consent!: ProcessConsentDto | null;

  @ApiProperty({
    type: [String],
    example: ['0e7d4b2a-9c1f-4a36-8b5e-1f2d3c4b5a69'],
    description: 'The IMPORT data sources the confirmed import stored into',
  })
  readonly dataSourceIds!: string[];

  static from(p: ProcessView): ProcessStatusResponseDto {
    return {
      id: p.id,
      userId: p.userId,
      status: p.status,
      createdAt: p.createdAt.toISOString(),
      expiresAt: p.expiresAt.toISOString(),
      finishedAt: p.usedAt ? p.usedAt.toISOString() : null,
      language: p.language,
      consent: p.consent
        ? {
            textVersion: p.consent.textVersion,
            givenAt: p.consent.givenAt.toISOString(),
            scope: p.consent.scope,
          }
        : null,
      dataSourceIds: p.dataSourceIds,
    };
  }
}

export class ProcessIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'id must be a UUID',
  })
  readonly id!: string;
}
