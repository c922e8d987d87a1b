import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  type WebhookAttemptView,
  type WebhookDeliveryView,
  type WebhookDeliveryDetailView,
} from '../../../application/ports/webhook-delivery.repository';
import { PageQueryDto, type Wire } from '@hub/platform';

export class WebhookDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: 'FAILED: the given-up deliveries' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  readonly status?: DeliveryStatus;
}

export class WebhookDeliveryIdParamsDto {
  @ApiProperty({ example: 'msg_3f1c2b7a9d8e4f60a1b2c3d4e5f60718' })
  @Matches(/^msg_[0-9a-f]{32}$/, { message: 'id must be a webhook id (msg_...)' })
  readonly id!: string;
}

export class WebhookAttemptDto implements Wire<WebhookAttemptView> {
  @ApiProperty({ example: 1, description: '1 for the first attempt' })
  readonly attempt!: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-02T03:15:43.020Z' })
  readonly attemptedAt!: string;

  @ApiProperty({
    nullable: true,
    type: Number,
    example: 204,
    description: 'HTTP status; null when there was no answer',
  })
  readonly statusCode!: number | null;

  @ApiProperty({ nullable: true, type: String, example: 'timeout after 10000 ms' })
  readonly error!: string | null;

  @ApiProperty({ example: 38 })
  readonly durationMs!: number;
}

// The signed body stays out of the answer.
export class WebhookDeliveryResponseDto implements Wire<Omit<WebhookDeliveryView, 'body'>> {
  @ApiProperty({
    example: 'msg_3f1c2b7a9d8e4f60a1b2c3d4e5f60718',
    description: 'The webhook-id header, the same on every attempt',
  })
  readonly id!: string;

  @ApiProperty({
    format: 'uuid',
    example: '7a2d9e4c-1b6f-4c83-a05e-9d3b2c1f0e48',
    description: 'The synchronize job, or the process of a process.completed callback',
  })
  readonly jobId!: string;

  @ApiProperty({ example: 'https://bank.example.vn/hooks/segments' })
  readonly url!: string;

  @ApiProperty({ example: 'SYNCHRONIZATION_COMPLETED' })
  readonly eventType!: string;

  @ApiProperty({ enum: DELIVERY_STATUSES, example: 'PENDING' })
  readonly status!: DeliveryStatus;

  @ApiProperty({ example: 8, description: 'Attempts made so far' })
  readonly attempts!: number;

  @ApiProperty({ nullable: true, type: Number, example: 503 })
  readonly lastStatusCode!: number | null;

  @ApiProperty({ nullable: true, type: String, example: null })
  readonly lastError!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-11-02T09:20:00.000Z' })
  readonly nextAttemptAt!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-02T03:15:42.118Z' })
  readonly createdAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null })
  readonly completedAt!: string | null;

  static from(d: WebhookDeliveryView): WebhookDeliveryResponseDto {
    return {
      id: d.id,
      jobId: d.jobId,
      url: d.url,
      eventType: d.eventType,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
      completedAt: d.completedAt?.toISOString() ?? null,
    };
  }
}

export class WebhookDeliveryDetailResponseDto
  extends WebhookDeliveryResponseDto
  implements Wire<Omit<WebhookDeliveryDetailView, 'body'>>
{
  @ApiProperty({ type: () => [WebhookAttemptDto], description: 'The delivery log, oldest attempt first' })
  readonly log!: WebhookAttemptDto[];

  static override from(d: WebhookDeliveryDetailView): WebhookDeliveryDetailResponseDto {
    return {
      ...WebhookDeliveryResponseDto.from(d),
      log: d.log.map((a) => ({
        attempt: a.attempt,
        attemptedAt: a.attemptedAt.toISOString(),
        statusCode: a.statusCode,
        error: a.error,
        durationMs: a.durationMs,
      })),
    };
  }
}

export class WebhookDeliveriesResponseDto {
  @ApiProperty({ type: () => [WebhookDeliveryResponseDto] })
  readonly items!: WebhookDeliveryResponseDto[];

  @ApiProperty()
  readonly total!: number;

  @ApiProperty({ example: 1 })
  readonly page!: number;

  @ApiProperty({ example: 50 })
  readonly pageSize!: number;
}
