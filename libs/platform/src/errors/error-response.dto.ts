import { ApiProperty } from '@nestjs/swagger';

/** The one error shape every failure of the hub answers with (docs/api-conventions.md). */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  readonly statusCode!: number;

  @ApiProperty({
    example: 'VALIDATION_FAILED',
    description:
      'Stable, UPPER_SNAKE: clients branch on this. The codes are listed in the ErrorCode schema; each error response lists its own in `x-error-codes`',
  })
  readonly code!: string;

  @ApiProperty({
    example: 'The request is not valid',
    description: 'For people, in the language of Accept-Language (vi or en, default en)',
  })
  readonly message!: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'What the code needs to be acted on (for VALIDATION_FAILED: one entry per invalid field)',
    example: [{ field: 'legalId', issues: ['isString'], message: 'legalId must be a string' }],
  })
  readonly details!: Record<string, unknown>[];

  @ApiProperty({ example: '6f1c1f3e-5d0b-4a43-9a57-2b1c2f0e9d11' })
  readonly requestId!: string;
}
