import { ApiProperty } from '@nestjs/swagger';

/** The one error shape every failure of the hub answers with (docs/api-conventions.md). */
export class ErrorResponseDto {
  @ApiProperty({ example: 409 })
  readonly statusCode!: number;

  @ApiProperty({ example: 'DUPLICATE_CIF', description: 'Stable, UPPER_SNAKE: clients branch on this' })
  readonly code!: string;

  @ApiProperty({
    example: 'Customer information matches other customers in the system',
    description: 'For people, in the language of Accept-Language (vi or en, default en)',
  })
  readonly message!: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [{ matchedCifCount: 2 }],
  })
  readonly details!: Record<string, unknown>[];

  @ApiProperty({ example: '6f1c1f3e-5d0b-4a43-9a57-2b1c2f0e9d11' })
  readonly requestId!: string;
}
