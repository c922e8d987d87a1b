/**
 * The time, as a port: an abstract class, so it is its own DI token. The platform binds it once
 * (`SystemClock`) for the whole application; tests pin or move it (`FixedClock` in
 * `@hub/shared-kernel/testing`, or `jest.spyOn(app.get(Clock), 'now')`).
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The machine's clock. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
