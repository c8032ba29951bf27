/**
 * Console roles. Each role may do everything the roles before it may: a curator can also switch
 * themes, an administrator can do anything. One ordered list keeps that rule in one place.
 */
export const ROLES = ['operator', 'curator', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export function roleAllows(held: Role, required: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(required);
}
