import { moneyHeld } from './money-held';
import { buildAccount } from '../testing/transaction.factory';

describe('moneyHeld', () => {
  const fx = {
    baseCurrency: 'VND',
    rates: [
      { currency: 'USD', rate: '25000', date: '2026-11-01' },
      { currency: 'EUR', rate: '27000.123456', date: '2026-11-02' },
    ],
  };

  it('converts into the report currency through the base currency, 2 decimals half-up per currency', () => {
    const accounts = [
      buildAccount({ currency: 'USD', balance: '100.00' }),
      buildAccount({ currency: 'EUR', type: 'TERM_DEPOSIT', balance: '1.00' }),
      buildAccount({ currency: 'VND', type: 'SAVINGS', balance: '500000.00' }),
    ];
    const inUsd = moneyHeld(accounts, 'USD', fx);
    // 1 EUR = 27000.123456 / 25000 USD = 1.08000494 -> 1.08; 500000 VND = 20 USD.
    expect(inUsd.totalBalance).toBe('121.08');
    expect(inUsd.moneyHeld.totalInBaseCurrency).toBe('3027000.12');
    expect(inUsd.moneyHeld.missingRates).toEqual([]);
  });

  it('leaves out and names a currency without a rate, and every currency when the report currency has none', () => {
    const accounts = [
      buildAccount({ currency: 'JPY', balance: '1000.00' }),
      buildAccount({ currency: 'VND', balance: '10.00' }),
      buildAccount({ currency: 'CHF', balance: '5.00' }),
    ];
    const inVnd = moneyHeld(accounts, 'VND', fx);
    expect(inVnd.totalBalance).toBe('10.00');
    expect(inVnd.moneyHeld.missingRates).toEqual(['CHF', 'JPY']);
    const inChf = moneyHeld(accounts, 'CHF', fx);
    expect(inChf.totalBalance).toBe('5.00');
    expect(inChf.moneyHeld.missingRates).toEqual(['CHF', 'JPY']);
  });

  it('ignores credit cards and loans, and holds nothing without accounts', () => {
    const accounts = [
      buildAccount({ type: 'CREDIT_CARD', balance: '-5.00' }),
      buildAccount({ type: 'LOAN', balance: '-500.00' }),
    ];
    expect(moneyHeld(accounts, 'VND', fx)).toEqual({
      totalBalance: '0.00',
      moneyHeld: { baseCurrency: 'VND', byCurrency: [], totalInBaseCurrency: '0.00', missingRates: [] },
    });
  });
});
