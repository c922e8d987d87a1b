/** `@hub/shared-kernel/testing`: synthetic test data valid by the kernel's rules, and a clock tests move. */
export { syntheticCccd, syntheticMobile } from './synthetic-identifiers';
export { FixedClock } from './fixed-clock';
