import { lookup } from 'node:dns/promises';
import { Injectable } from '@nestjs/common';
import { HostResolver } from '../../application/ports/host-resolver';

/** The system resolver: every A and AAAA answer. */
@Injectable()
export class DnsHostResolver extends HostResolver {
  async resolve(hostname: string): Promise<string[]> {
    const answers = await lookup(hostname, { all: true, verbatim: true });
    return answers.map((a) => a.address);
  }
}
