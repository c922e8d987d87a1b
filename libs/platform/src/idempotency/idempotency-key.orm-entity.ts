import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'platform_idempotency_keys' })
@Index('platform_idempotency_keys_expires_at_idx', ['expiresAt'])
export class IdempotencyKeyOrmEntity {
  /** Who used the key (subject and institution) and on which method + path: keys are per caller and route. */
  @PrimaryColumn({ type: 'text' })
  scope!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  requestHash!: string;

  @Column({ type: 'text' })
  state!: 'IN_FLIGHT' | 'COMPLETED';

  @Column({ type: 'int', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: unknown;

  @Column({ type: 'jsonb', nullable: true })
  responseHeaders!: Record<string, string> | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
