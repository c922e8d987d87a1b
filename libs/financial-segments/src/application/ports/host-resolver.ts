/** DNS, as a port: the callback-URL policy checks every address a name resolves to. */
export abstract class HostResolver {
  /** All A and AAAA answers for `hostname`; throws when the name does not resolve. */
  abstract resolve(hostname: string): Promise<string[]>;
}
