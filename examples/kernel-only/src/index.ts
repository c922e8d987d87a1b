/**
 * The shared kernel from plain TypeScript (no Nest, no database): the examples of
 * libs/shared-kernel/README.md, checked. `npm run examples:check` builds this against the packed
 * `@hub/shared-kernel` tarball with `strict: true` and runs it; any assertion that fails exits 1.
 */
import assert from 'node:assert/strict';
import {
  ConflictError,
  LegalId,
  MobileNumber,
  ValidationError,
  decideComboCreate,
  isOpen,
  matchCif,
  transitionLead,
} from '@hub/shared-kernel';

// CIF matching: the CIFs found by the legal ID united with those found by the mobile number;
// closed CIFs do not count.
const match = matchCif({
  byLegalId: [{ cif: '7700000001', status: 'ACTIVE' }],
  byMobileNumber: [
    { cif: '7700000001', status: 'ACTIVE' },
    { cif: '7700000009', status: 'CLOSED' },
  ],
});
assert.deepEqual(match, { outcome: 'ONE', count: 1, cif: '7700000001' });
assert.equal(matchCif({ byLegalId: [], byMobileNumber: [] }).outcome, 'NONE');

// Legal IDs and mobile numbers.
const id = LegalId.parse(' 079 090 001 234 ');
assert.equal(id.value, '079090001234');
assert.equal(id.type, 'CCCD');
assert.deepEqual(id.cccdBirthInfo(), { birthYear: 1990, gender: 'M' });
assert.equal(LegalId.tryParse('12345'), null);
assert.throws(
  () => LegalId.parse('12345'),
  (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_LEGAL_ID',
);
assert.equal(MobileNumber.parse('0912 345 678').e164, '+84912345678');

// The lead state machine and the combo-create decision table.
assert.equal(transitionLead('NEW_LEAD', 'CLOSE_LOST'), 'CLOSE_LOST');
assert.throws(() => transitionLead('CLOSE_WON', 'CLOSE_LOST'), ConflictError);
assert.equal(isOpen('NEW_LEAD'), true);
const decision = decideComboCreate(
  { customerType: 'NTB', ownerId: 'RM002' },
  { id: 'lead-1', ownerId: 'RM001', status: 'NEW_LEAD' },
  null,
);
assert.deepEqual(decision, {
  result: 'REASSIGNED_LEAD',
  actions: [{ type: 'CLOSE_LEAD_LOST', leadId: 'lead-1', reason: 'REASSIGNED' }, { type: 'CREATE_LEAD' }],
});

console.log(JSON.stringify({ kernelExample: 'ok', match, legalId: id.value, decision: decision.result }));
