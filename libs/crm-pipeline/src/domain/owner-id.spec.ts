import { isOwnerId } from './owner-id';

describe('isOwnerId', () => {
  it.each(['RM001', 'a.b-c_d', 'x'.repeat(64)])('accepts %p', (value) => {
    expect(isOwnerId(value)).toBe(true);
  });

  it.each(['', 'RM 1', ' RM1', 'x'.repeat(65), 'RM/1', 'RMĐ', 1, null])('refuses %p', (value) => {
    expect(isOwnerId(value)).toBe(false);
  });
});
