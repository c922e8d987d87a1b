import type { CaseAccount, CaseTransaction } from '../domain/income.types';

let sequence = 0;

export function buildTransaction(overrides: Partial<CaseTransaction> = {}): CaseTransaction {
  sequence += 1;
  return {
    transactionId: `tx-${sequence}`,
    bookingDate: '2026-01-15',
    amount: '1000000.00',
    currency: 'VND',
    purpose: 'CHUYEN TIEN',
    counterpartName: `Counterparty ${sequence}`,
    counterpartAccount: null,
    ...overrides,
  };
}

export function buildAccount(overrides: Partial<CaseAccount> = {}): CaseAccount {
  return { accountNumber: '0011001234567', type: 'CHECKING', currency: 'VND', balance: '0.00', ...overrides };
}
