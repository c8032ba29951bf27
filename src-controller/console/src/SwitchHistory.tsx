import type { SwitchRecord, SwitchReport } from '../../../src-shared/protocol';
import { useI18n } from './i18n';

/** One line on how a press went: all screens in the same frame is the goal. */
function ReportLine({ report }: { report: SwitchReport }) {
  const { t } = useI18n();
  if (report.expected === 0) return <span className="dim">{t('history.noScreens')}</span>;
  const all = report.presented === report.expected;
  const frames = report.spreadMs === null ? '' : t('history.spread', report.spreadMs);
  return (
    <span className={`report-line ${all ? 'all' : 'partial'}`} data-testid="switch-report">
      {t('history.presented', report.presented, report.expected)}
      {frames}
      {report.missing.length > 0 && t('history.waitingFor', report.missing.slice(0, 3).join(', '))}
      {report.missing.length > 3 && ` +${report.missing.length - 3}`}
    </span>
  );
}

/** The latest presses, newest first: when, which theme, which revision, from where. */
export function SwitchHistory({ switches }: { switches: SwitchRecord[] }) {
  const { t, time } = useI18n();
  return (
    <section className="panel">
      <h2>{t('history.title')}</h2>
      {switches.length === 0 ? (
        <p className="empty">{t('history.none')}</p>
      ) : (
        <table className="history">
          <tbody>
            {switches.slice(0, 12).map((s) => (
              <tr key={s.revision}>
                <td className="mono">{time(s.requestedAt)}</td>
                <td className="history-what">
                  <div className="history-title">
                    <span className="mini-key">{s.themeKey}</span> {s.themeTitle.zh}
                  </div>
                  <div className="history-meta">
                    <ReportLine report={s.report} />
                  </div>
                  <div className="history-meta dim">
                    {t('history.meta', s.revision, s.requestedBy)}
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
