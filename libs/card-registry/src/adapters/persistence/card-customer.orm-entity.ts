import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The current version of each card customer (one row per customer). */
@Entity({ name: 'card_customers' })
// One customer once: a regNo is unique among an institution's SHARED customers (DEDICATED wallet
// customers may repeat it).
@Index('card_customers_shared_reg_no_uq', ['institutionId', 'regNo'], {
  unique: true,
  where: `"card_scope" = 'SHARED'`,
})
@Index('card_customers_institution_reg_no_idx', ['institutionId', 'regNo'])
@Index('card_customers_institution_customer_number_idx', ['institutionId', 'customerNumber'])
@Index('card_customers_institution_updated_at_idx', ['institutionId', 'updatedAt', 'id'])
export class CardCustomerOrmEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_card_customers' })
  id!: string;

  @Column({ type: 'text' })
  institutionId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  cardScope!: string;

  @Column({ type: 'text', nullable: true })
  salutation!: string | null;

  @Column({ type: 'text', nullable: true })
  firstName!: string | null;

  @Column({ type: 'text', nullable: true })
  middleName!: string | null;

  @Column({ type: 'text', nullable: true })
  lastName!: string | null;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'date', nullable: true })
  dateOfBirth!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phoneNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  mobileNumber!: string | null;

  @Column({ type: 'text' })
  address1!: string;

  @Column({ type: 'text', nullable: true })
  address2!: string | null;

  @Column({ type: 'text' })
  city!: string;

  @Column({ type: 'text' })
  zipCode!: string;

  @Column({ type: 'text' })
  country!: string;

  @Column({ type: 'text' })
  locale!: string;

  /** ISO 3166-1 alpha-3. */
  @Column({ type: 'text', nullable: true })
  nationality!: string | null;

  /** ISO 3166-1 alpha-3. */
  @Column({ type: 'text', nullable: true })
  countryOfBirth!: string | null;

  /** `[{ type, address1, address2, city, zipCode, country }]`, at most one per type; `[]` by default (SQL loaders). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  additionalAddresses: unknown;

  @Column({ type: 'text' })
  customerNumber!: string;

  @Column({ type: 'text' })
  regNo!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
