import type { SwitchRecord, SwitchReport } from '../../../src-shared/protocol';

/** One line on how a press went: all screens in the same frame is the goal. */
function ReportLine({ report }: { report: SwitchReport }) {
  if (report.expected === 0) return <span className="dim">no screens were online</span>;
  const all = report.presented === report.expected;
  const frames = report.spreadMs === null ? '' : ` · spread ${report.spreadMs} ms`;
  return (
    <span className={`report-line ${all ? 'all' : 'partial'}`} data-testid="switch-report">
      {report.presented}/{report.expected} screens{frames}
      {report.missing.length > 0 && ` · waiting for ${report.missing.slice(0, 3).join(', ')}`}
      {report.missing.length > 3 && ` +${report.missing.length - 3}`}
    </span>
  );
}

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
                  <div className="history-meta">
                    <ReportLine report={s.report} />
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
