import type { Wire } from '@hub/platform';
import { ApiProperty } from '@nestjs/swagger';
import type { IngestReport } from '../../../application/ods-ingest.service';

export class RejectedLineDto {
  @ApiProperty({ example: 3, description: '1-based line number in the body' }) readonly line!: number;
  @ApiProperty({
    example: 'VALIDATION_FAILED',
    enum: ['VALIDATION_FAILED', 'INVALID_JSON', 'LINE_TOO_LONG', 'LOAD_FAILED', 'STALE_SNAPSHOT'],
    description:
      'STALE_SNAPSHOT: the ODS already holds a later extraction of the CIF (an older one never replaces it)',
  })
  readonly code!: string;
  @ApiProperty({ example: 'lending[0].currency: must be an ISO 4217 code' }) readonly message!: string;
}

export class OdsIngestReportResponseDto implements Wire<IngestReport> {
  @ApiProperty({ example: 5, description: 'Non-blank lines read' }) readonly received!: number;
  @ApiProperty({ example: 4, description: 'Snapshots stored (each replaced its CIF)' })
  readonly loaded!: number;
  @ApiProperty({
    type: () => [RejectedLineDto],
    description: 'The first 1000 refused lines; received - loaded is the exact count',
  })
  readonly rejected!: RejectedLineDto[];

  static from(r: IngestReport): OdsIngestReportResponseDto {
    return {
      received: r.received,
      loaded: r.loaded,
      rejected: r.rejected.map((x) => ({ line: x.line, code: x.code, message: x.message })),
    };
  }
}
