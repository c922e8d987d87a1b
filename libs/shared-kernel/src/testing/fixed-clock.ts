import { Clock } from '../time/clock';

/** A clock that stands still unless the test moves it. */
export class FixedClock extends Clock {
  private current: Date;

  constructor(at: Date | string) {
    super();
    this.current = new Date(at);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  /** Sets the clock to `at`. */
  set(at: Date | string): void {
    this.current = new Date(at);
  }
}
