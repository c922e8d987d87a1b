/** `@hub/shared-kernel/testing`: synthetic test data valid by the kernel's rules. */
export { syntheticCccd, syntheticMobile } from './synthetic-identifiers';
