import { useEffect, useState } from 'react';
import type { ScreenView } from './screen-link';

function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * What a screen shows with nothing assigned: the hall's name and the time. A screen waiting for
 * approval also shows its own name, large, so the operator can match it in the console.
 */
export function IdleScreen({ view }: { view: ScreenView }) {
  const now = useClock();
  const waiting = view.status === 'waiting-approval';
  return (
    <div className="idle">
      <div className="idle-glow" />
      <div className="idle-content">
        <div className="idle-hall">{view.hallName?.zh ?? '多媒体展厅'}</div>
        <div className="idle-hall-en">{view.hallName?.en ?? 'Multimedia Hall'}</div>
        <div className="idle-time">
          {two(now.getHours())}:{two(now.getMinutes())}
        </div>
        <div className="idle-date">
          {now.getFullYear()}年{now.getMonth() + 1}月{now.getDate()}日
        </div>
        {waiting && (
          <div className="idle-pairing" data-testid="pairing">
            {view.pairingCode && (
              <div className="idle-pairing-code" data-testid="pairing-code">
                {view.pairingCode.slice(0, 3)} {view.pairingCode.slice(3)}
              </div>
            )}
            <div className="idle-pairing-name">{view.name}</div>
            <div>
              在控制台输入此配对码以批准本屏幕 · Enter this code in the console to approve this
              screen
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
