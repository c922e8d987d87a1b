export * from './errors/domain-error';
export * from './identity/legal-id';
export * from './identity/mobile-number';
export * from './money/money';
export * from './lending/debt-group';
