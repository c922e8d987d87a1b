import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { INSTITUTION_KEY, PUBLIC_KEY, SCOPES_KEY } from './auth.decorators';
import { missingInstitution, missingScope, missingToken } from './auth.errors';
import { JwtVerifier } from './jwt-verifier';
import type { Principal } from './principal';

/** Global guard: every route needs a valid bearer token unless marked `@Public()`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+([A-Za-z0-9\-_.]+)\s*$/i.exec(header) : null;
    if (!match) throw missingToken();
    const principal = await this.verifier.verify(match[1]);
    request.principal = principal;

    const required = this.reflector.getAllAndOverride<string[]>(SCOPES_KEY, targets) ?? [];
    if (!required.every((scope) => principal.scopes.has(scope))) throw missingScope(required);
    if (this.reflector.getAllAndOverride<boolean>(INSTITUTION_KEY, targets) && !principal.institutionId) {
      throw missingInstitution();
    }
    return true;
  }
}
