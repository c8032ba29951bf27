import { ROLES, type Role } from '../../../src-shared/roles';
import { useI18n } from './i18n';

export function RoleSelect(props: {
  label: string;
  value: Role;
  onChange: (role: Role) => void;
  /** Shown with a visible label, as in a form; otherwise the label is for screen readers. */
  field?: boolean;
}) {
  const { t } = useI18n();
  const select = (
    <select
      aria-label={props.field ? undefined : props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as Role)}
    >
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </select>
  );
  if (!props.field) return select;
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      {select}
    </label>
  );
}
