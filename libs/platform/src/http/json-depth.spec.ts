import { arrayInArray, jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';

describe('jsonDepthExceeds', () => {
  const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);

  it('accepts nesting up to the limit and refuses one level more', () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds(`{"a":${'{"a":'.repeat(70)}1${'}'.repeat(70)}}`)).toBe(true);
  });

  it('does not count brackets inside strings, including after escaped quotes', () => {
    expect(jsonDepthExceeds(JSON.stringify({ a: '['.repeat(1000) }))).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ a: `\\"${'{'.repeat(1000)}` }))).toBe(false);
  });

  it('counts depth, not the number of containers', () => {
    expect(jsonDepthExceeds(JSON.stringify(Array.from({ length: 10_000 }, () => [{ a: [] }])))).toBe(false);
  });

  it('scans 5,000 nested arrays without recursion', () => {
    expect(jsonDepthExceeds(nested(100_000))).toBe(true);
  });
});

describe('arrayInArray', () => {
  it('names the first array found directly inside an array', () => {
    expect(arrayInArray({ accounts: [[{}]] })).toBe('accounts[0]');
    expect(arrayInArray({ a: { rates: [{ x: 1 }, [1]] } })).toBe('a.rates[1]');
    expect(arrayInArray([[]])).toBe('[0]');
  });

  it('accepts arrays of objects and scalars, at any depth', () => {
    expect(
      arrayInArray({ accounts: [{ transactions: [{ id: 'a' }, { id: 'b' }] }], tags: ['x', 1, null] }),
    ).toBeNull();
    expect(arrayInArray(null)).toBeNull();
    expect(arrayInArray('text')).toBeNull();
  });
});
