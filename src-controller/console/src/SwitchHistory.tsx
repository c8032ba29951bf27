import type { SwitchRecord } from '../../../src-shared/protocol';

const timeOf = (ms: number) =>
  new Date(ms).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/** The latest presses, newest first: when, which theme, which revision, from where. */
export function SwitchHistory({ switches }: { switches: SwitchRecord[] }) {
  return (
    <section className="panel">
      <h2>Recent switches</h2>
      {switches.length === 0 ? (
        <p className="empty">No switches yet. Press a number key to switch the hall.</p>
      ) : (
        <table className="history">
          <tbody>
            {switches.slice(0, 12).map((s) => (
              <tr key={s.revision}>
                <td className="mono">{timeOf(s.requestedAt)}</td>
                <td className="history-what">
                  <div className="history-title">
                    <span className="mini-key">{s.themeKey}</span> {s.themeTitle.zh}
                  </div>
                  <div className="history-meta dim">
                    revision {s.revision} · {s.requestedBy}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
