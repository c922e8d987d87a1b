import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OdsCustomerOrmEntity } from './ods-customer.orm-entity';

const customerFk = (name: string) => ({
  name: 'cif',
  referencedColumnName: 'cif',
  foreignKeyConstraintName: name,
});
const cascade = { onDelete: 'CASCADE', onUpdate: 'NO ACTION' } as const;

@Entity({ name: 'ods_customer_legal_ids' })
@Index('ods_customer_legal_ids_number_idx', ['number'])
export class OdsCustomerLegalIdOrmEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ods_customer_legal_ids' })
  cif!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ods_customer_legal_ids' })
  number!: string;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'date', nullable: true })
  issueDate!: string | null;

  @Column({ type: 'text', nullable: true })
  issuePlace!: string | null;

  @ManyToOne(() => OdsCustomerOrmEntity, cascade)
  @JoinColumn(customerFk('ods_customer_legal_ids_customer_fk'))
  customer?: OdsCustomerOrmEntity;
}

@Entity({ name: 'ods_customer_mobiles' })
@Index('ods_customer_mobiles_e164_idx', ['e164'])
export class OdsCustomerMobileOrmEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ods_customer_mobiles' })
  cif!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ods_customer_mobiles' })
  e164!: string;

  @Column({ type: 'smallint' })
  position!: number;

  @ManyToOne(() => OdsCustomerOrmEntity, cascade)
  @JoinColumn(customerFk('ods_customer_mobiles_customer_fk'))
  customer?: OdsCustomerOrmEntity;
}

@Entity({ name: 'ods_customer_addresses' })
export class OdsCustomerAddressOrmEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ods_customer_addresses' })
  cif!: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_ods_customer_addresses' })
  position!: number;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  line!: string;

  @Column({ type: 'text', nullable: true })
  ward!: string | null;

  @Column({ type: 'text', nullable: true })
  district!: string | null;

  @Column({ type: 'text', nullable: true })
  province!: string | null;

  @Column({ type: 'text' })
  country!: string;

  @ManyToOne(() => OdsCustomerOrmEntity, cascade)
  @JoinColumn(customerFk('ods_customer_addresses_customer_fk'))
  customer?: OdsCustomerOrmEntity;
}

@Entity({ name: 'ods_lending_facilities' })
export class OdsLendingFacilityOrmEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ods_lending_facilities' })
  cif!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ods_lending_facilities' })
  contractNumber!: string;

  @Column({ type: 'text' })
  productType!: string;

  @Column({ type: 'text', nullable: true })
  productName!: string | null;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  limitAmount!: string | null;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  disbursedAmount!: string | null;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  outstandingBalance!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'date', nullable: true })
  openDate!: string | null;

  @Column({ type: 'date', nullable: true })
  maturityDate!: string | null;

  @Column({ type: 'numeric', precision: 20, scale: 4, nullable: true })
  interestRate!: string | null;

  @Column({ type: 'integer' })
  daysPastDue!: number;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  overdueAmount!: string;

  @Column({ type: 'smallint', nullable: true })
  debtGroup!: number | null;

  @ManyToOne(() => OdsCustomerOrmEntity, cascade)
  @JoinColumn(customerFk('ods_lending_facilities_customer_fk'))
  customer?: OdsCustomerOrmEntity;
}

@Entity({ name: 'ods_lending_payments' })
export class OdsLendingPaymentOrmEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ods_lending_payments' })
  cif!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ods_lending_payments' })
  contractNumber!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ods_lending_payments' })
  period!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  dueAmount!: string | null;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  paidAmount!: string | null;

  @Column({ type: 'date', nullable: true })
  paidDate!: string | null;

  @Column({ type: 'integer', nullable: true })
  daysLate!: number | null;

  @ManyToOne(() => OdsLendingFacilityOrmEntity, cascade)
  @JoinColumn([
    {
      name: 'cif',
      referencedColumnName: 'cif',
      foreignKeyConstraintName: 'ods_lending_payments_facility_fk',
    },
    {
      name: 'contract_number',
      referencedColumnName: 'contractNumber',
      foreignKeyConstraintName: 'ods_lending_payments_facility_fk',
    },
  ])
  facility?: OdsLendingFacilityOrmEntity;
}

@Entity({ name: 'ods_deposits' })
export class OdsDepositOrmEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ods_deposits' })
  cif!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ods_deposits' })
  accountNumber!: string;

  @Column({ type: 'text' })
  productType!: string;

  @Column({ type: 'text', nullable: true })
  productName!: string | null;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  balance!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  availableBalance!: string | null;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  principalAmount!: string | null;

  @Column({ type: 'numeric', precision: 20, scale: 4, nullable: true })
  interestRate!: string | null;

  @Column({ type: 'integer', nullable: true })
  termMonths!: number | null;

  @Column({ type: 'date', nullable: true })
  openDate!: string | null;

  @Column({ type: 'date', nullable: true })
  maturityDate!: string | null;

  @Column({ type: 'text' })
  status!: string;

  @ManyToOne(() => OdsCustomerOrmEntity, cascade)
  @JoinColumn(customerFk('ods_deposits_customer_fk'))
  customer?: OdsCustomerOrmEntity;
}

@Entity({ name: 'ods_payroll_credits' })
export class OdsPayrollCreditOrmEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_ods_payroll_credits' })
  cif!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_ods_payroll_credits' })
  position!: number;

  @Column({ type: 'text' })
  employerName!: string;

  @Column({ type: 'text', nullable: true })
  accountNumber!: string | null;

  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  amount!: string;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'date', nullable: true })
  creditDate!: string | null;

  @ManyToOne(() => OdsCustomerOrmEntity, cascade)
  @JoinColumn(customerFk('ods_payroll_credits_customer_fk'))
  customer?: OdsCustomerOrmEntity;
}
