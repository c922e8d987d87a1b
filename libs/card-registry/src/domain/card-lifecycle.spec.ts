import fc from 'fast-check';
import { BusinessRuleError, PreconditionFailedError, ValidationError } from '@hub/shared-kernel';
import {
  assertWalletCardholder,
  CARD_STATUSES,
  canTransition,
  isLiveWalletCard,
  reviseCard,
  transitionCard,
  validateExpiryDate,
  type Card,
  type CardStatus,
} from './card';
import { parseIfMatch } from './customer-version';

const T0 = new Date('2026-11-21T08:00:00.000Z');
const T1 = new Date('2026-11-22T08:00:00.000Z');
const MONTH = '2026-11';

function card(overrides: Partial<Card> = {}): Card {
  return {
    id: 'c0000000-0000-4000-8000-000000000001',
    institutionId: 'INST-A',
    accountId: 'a0000000-0000-4000-8000-000000000001',
    cardholderCustomerId: 'b0000000-0000-4000-8000-000000000001',
    digitalWalletEnabled: false,
    embossName: null,
    status: 'ACTIVE',
    expiryDate: null,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('card lifecycle', () => {
  it.each([
    ['ACTIVE', 'BLOCKED', true],
    ['BLOCKED', 'ACTIVE', true],
    ['ACTIVE', 'CLOSED', true],
    ['BLOCKED', 'CLOSED', true],
    ['CLOSED', 'ACTIVE', false],
    ['CLOSED', 'BLOCKED', false],
    ['ACTIVE', 'ACTIVE', false],
  ] as const)('%s -> %s allowed: %p', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('CLOSED is terminal, and staying put is never an error (property)', () => {
    const status = fc.constantFrom(...CARD_STATUSES);
    fc.assert(
      fc.property(status, status, (from: CardStatus, to: CardStatus) => {
        const code = codeOf(() => transitionCard(from, to));
        if (from === to) expect(code).toBeNull();
        else if (from === 'CLOSED') expect(code).toBe('CARD_STATUS_TRANSITION_NOT_ALLOWED');
        else expect(code).toBeNull();
      }),
    );
  });

  it('a change bumps the version and the time; the same values change nothing', () => {
    const blocked = reviseCard(card(), { status: 'BLOCKED' }, null, T1, MONTH);
    expect(blocked).toMatchObject({ changed: true, walletTurnedOn: false });
    expect(blocked.card).toMatchObject({ status: 'BLOCKED', version: 2, updatedAt: T1 });
    expect(
      reviseCard(card(), { status: 'ACTIVE', digitalWalletEnabled: false }, null, T1, MONTH),
    ).toMatchObject({
      changed: false,
    });
    const wallet = reviseCard(card(), { digitalWalletEnabled: true }, null, T1, MONTH);
    expect(wallet).toMatchObject({ changed: true, walletTurnedOn: true });
    expect(
      reviseCard(card({ digitalWalletEnabled: true }), { digitalWalletEnabled: false }, null, T1, MONTH),
    ).toMatchObject({ changed: true, walletTurnedOn: false });
  });

  it('If-Match must name the current version (412 VERSION_MISMATCH with the current one)', () => {
    expect(() =>
      reviseCard(card({ version: 3 }), { status: 'BLOCKED' }, parseIfMatch('"2"'), T1, MONTH),
    ).toThrow(PreconditionFailedError);
    try {
      reviseCard(card({ version: 3 }), { status: 'BLOCKED' }, parseIfMatch('"2"'), T1, MONTH);
    } catch (error) {
      expect((error as PreconditionFailedError).details).toEqual([{ currentVersion: 3 }]);
    }
    expect(
      reviseCard(card({ version: 3 }), { status: 'BLOCKED' }, parseIfMatch('"3"'), T1, MONTH).changed,
    ).toBe(true);
  });

  it('a CLOSED card changes no more: reopening is a transition error, anything else CARD_CLOSED', () => {
    const closed = card({ status: 'CLOSED' });
    expect(codeOf(() => reviseCard(closed, { status: 'ACTIVE' }, null, T1, MONTH))).toBe(
      'CARD_STATUS_TRANSITION_NOT_ALLOWED',
    );
    expect(codeOf(() => reviseCard(closed, { digitalWalletEnabled: true }, null, T1, MONTH))).toBe(
      'CARD_CLOSED',
    );
    expect(codeOf(() => reviseCard(closed, { expiryDate: '2030-01' }, null, T1, MONTH))).toBe('CARD_CLOSED');
    expect(reviseCard(closed, { status: 'CLOSED' }, null, T1, MONTH).changed).toBe(false);
  });

  it('bad values are 400 naming the field', () => {
    expect(() => reviseCard(card(), { status: 'LOST' }, null, T1, MONTH)).toThrow(ValidationError);
    expect(() => reviseCard(card(), { digitalWalletEnabled: 'yes' }, null, T1, MONTH)).toThrow(
      ValidationError,
    );
    expect(() => reviseCard(card(), { expiryDate: '2026-13' }, null, T1, MONTH)).toThrow(ValidationError);
  });

  it.each([
    ['2030-12', '2030-12'],
    ['2026-11', '2026-11'],
    [null, null],
    [undefined, null],
  ])('expiry %p is accepted as %p', (raw, expected) => {
    expect(validateExpiryDate(raw, MONTH)).toBe(expected);
  });

  it.each(['2026-10', '2057-01', '2030-00', '2030-1', '12/30', 2030])('expiry %p is refused', (raw) => {
    expect(() => validateExpiryDate(raw, MONTH)).toThrow(ValidationError);
  });

  it('live wallet cards: enabled and not closed', () => {
    expect(isLiveWalletCard({ digitalWalletEnabled: true, status: 'ACTIVE' })).toBe(true);
    expect(isLiveWalletCard({ digitalWalletEnabled: true, status: 'BLOCKED' })).toBe(true);
    expect(isLiveWalletCard({ digitalWalletEnabled: true, status: 'CLOSED' })).toBe(false);
    expect(isLiveWalletCard({ digitalWalletEnabled: false, status: 'ACTIVE' })).toBe(false);
  });

  it('a wallet cardholder stays DEDICATED with a valid mobile', () => {
    expect(() =>
      assertWalletCardholder({ cardScope: 'DEDICATED', mobileNumber: '+84912345678' }),
    ).not.toThrow();
    expect(codeOf(() => assertWalletCardholder({ cardScope: 'DEDICATED', mobileNumber: null }))).toBe(
      'WALLET_CARDHOLDER_NO_MOBILE',
    );
    expect(codeOf(() => assertWalletCardholder({ cardScope: 'SHARED', mobileNumber: '+84912345678' }))).toBe(
      'WALLET_CARDHOLDER_NOT_DEDICATED',
    );
    expect(() => assertWalletCardholder({ cardScope: 'DEDICATED', mobileNumber: null })).toThrow(
      BusinessRuleError,
    );
  });
});
