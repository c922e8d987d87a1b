import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { JOB_STATUSES, type JobStatus } from '../../../application/ports/synchronization.repository';
import type { SyncJob } from '../../../application/ports/synchronization.repository';
import { NO_CONTROL } from './common.dto';

/** POST /financial-segments/v1/users/{userId}/synchronize. */
export class SynchronizeRequestDto {
  @ApiProperty({
    example: 'https://bank.example.vn/hooks/financial-segments',
    description:
      'https to a public address (http and private addresses only with WEBHOOK_ALLOW_PRIVATE=true)',
  })
  @IsString()
  @MaxLength(2048)
  @Matches(NO_CONTROL, { message: 'callbackUrl must not contain control characters' })
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

  static from(job: SyncJob): JobResponseDto {
    return {
      status: job.status,
      ...(job.caseId ? { caseId: job.caseId } : {}),
      ...(job.reportId ? { reportId: job.reportId } : {}),
    };
  }
}
