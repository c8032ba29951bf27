import { useState } from 'react';

/**
 * A destructive button that asks once more in place: the first press arms it, the second acts.
 * Leaving it (blur) disarms it, so a stray tap on a touchscreen never deletes anything.
 */
export function ConfirmButton(props: {
  label: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  title?: string;
}) {
  const [armed, setArmed] = useState(false);
  return (
    <button
      type="button"
      className={`danger ${armed ? 'armed' : ''}`}
      disabled={props.disabled}
      title={props.title}
      onBlur={() => setArmed(false)}
      onClick={() => {
        if (armed) {
          setArmed(false);
          props.onConfirm();
        } else setArmed(true);
      }}
    >
      {armed ? props.confirmLabel : props.label}
    </button>
  );
}
