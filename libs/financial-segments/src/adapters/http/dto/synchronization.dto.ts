import { IsStorableText } from '@hub/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { JOB_STATUSES, type JobStatus } from '../../../application/ports/synchronization.repository';
import type { SyncJobView } from '../../../application/ports/synchronization.repository';

/** POST /financial-segments/v1/users/{userId}/synchronize. */
export class SynchronizeRequestDto {
  @ApiProperty({
    example: 'https://bank.example.vn/hooks/financial-segments',
    description:
      'https to a public address (http and private addresses only with WEBHOOK_ALLOW_PRIVATE=true)',
  })
  @IsString()
  @MaxLength(2048)
  @IsStorableText()
  readonly callbackUrl!: string;
}

export class JobAcceptedResponseDto {
  @ApiProperty({ format: 'uuid' })
  readonly jobId!: string;
}

export class JobResponseDto {
  @ApiProperty({ enum: JOB_STATUSES })
  readonly status!: JobStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  readonly caseId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  readonly reportId?: string;

  static from(job: SyncJobView): JobResponseDto {
    return {
      status: job.status,
      ...(job.caseId ? { caseId: job.caseId } : {}),
      ...(job.reportId ? { reportId: job.reportId } : {}),
    };
  }
}
