import fc from 'fast-check';
import { compare, dec, isDecimalString, mean, sum, toFixed } from './money';

describe('money', () => {
  it('adds without binary floating-point error', () => {
    expect(toFixed(sum(['0.10', '0.20']))).toBe('0.30');
    expect(toFixed(sum(['15000000.00', '0.01', '-0.01']))).toBe('15000000.00');
  });

  it('rounds half up to 2 decimals', () => {
    expect(toFixed('2.005')).toBe('2.01');
    expect(toFixed('-2.005')).toBe('-2.01');
    expect(mean(['1.00', '2.00', '2.00'])).toBe('1.67');
    expect(mean([])).toBeNull();
  });

  it('compares exactly', () => {
    expect(compare('100000000000000000.01', '100000000000000000.00')).toBe(1);
    expect(compare('1.0', '1.00')).toBe(0);
  });

  it.each(['0', '1.5', '-20.25', '15000000.00', '0.1250'])('%p is a decimal string', (v) =>
    expect(isDecimalString(v)).toBe(true),
  );
  it.each(['1e5', '1.', '.5', '1,5', ' 1', '', '1.12345', 'NaN', 1.5])('%p is not', (v) =>
    expect(isDecimalString(v)).toBe(false),
  );

  it('sums integers in cents exactly like integer arithmetic', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 })), (cents) => {
        const expected = cents.reduce((a, b) => a + BigInt(b), 0n);
        const total = sum(cents.map((c) => dec(c).dividedBy(100)));
        expect(total.times(100).toFixed(0)).toBe(expected.toString());
      }),
    );
  });
});
