import { HostResolver } from '../application/ports/host-resolver';

/** DNS answers from a table; unknown names do not resolve. */
export class FakeHostResolver extends HostResolver {
  constructor(private readonly answers: Record<string, string[]> = {}) {
    super();
  }

  async resolve(hostname: string): Promise<string[]> {
    const found = this.answers[hostname.toLowerCase()];
    if (!found) throw new Error(`ENOTFOUND ${hostname}`);
    return found;
  }
}
