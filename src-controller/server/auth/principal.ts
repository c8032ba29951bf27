import type { AccountLanguage } from '../../../src-shared/accounts';
import { roleAllows, type Role } from '../../../src-shared/roles';

/** Who is asking: a logged-in console user or an API token. */
export interface Principal {
  kind: 'account' | 'token';
  id: number;
  name: string;
  role: Role;
  language?: AccountLanguage;
}

/** The name audit entries and switch records carry: the user name, or "token NAME". */
export const actorOf = (p: Principal): string =>
  p.kind === 'account' ? p.name : `token ${p.name}`;

export const ROLE_REFUSAL = (p: Principal, required: Role, what: string) =>
  `${what} needs the ${required} role; ${actorOf(p)} is ${/^[aeiou]/.test(p.role) ? 'an' : 'a'} ${p.role}`;

export const mayDo = (p: Principal, required: Role) => roleAllows(p.role, required);
