export * from './country-code';
export * from './csv';
export * from './email-address';
export * from './iso-date';
export * from './locale-tag';
export * from './input-rules';
