import { useEffect, useState } from 'react';
import { api } from './api';
import { useI18n, type MessageKey } from './i18n';

/** What `GET /api/cluster` says about this node's copy of the hall's pack library. */
interface LibraryStatus {
  revision: number;
  syncing: boolean;
  problems: {
    packId: string;
    version: string;
    kind: 'fetch' | 'refused' | 'conflict' | 'delete';
    reason: string;
    node: string | null;
    attempts: number;
  }[];
}

type ClusterAnswer =
  { mode: 'standalone' } | { mode: 'cluster'; hallId: string; library?: LibraryStatus };

const POLL_MS = 5000;

const KIND_TEXT: Record<LibraryStatus['problems'][number]['kind'], MessageKey> = {
  fetch: 'libraryCluster.fetch',
  refused: 'libraryCluster.refused',
  conflict: 'libraryCluster.conflict',
  delete: 'libraryCluster.delete',
};

/**
 * On a node of a cluster: whether this node's library is the hall's, and every version it could
 * not match yet with the reason (docs/scaling.md). Shows nothing on a standalone controller.
 */
export function ClusterLibraryStatus() {
  const { t } = useI18n();
  const [answer, setAnswer] = useState<ClusterAnswer | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      api<ClusterAnswer>('GET', '/api/cluster')
        .then((data) => live && setAnswer(data))
        // Not for this user, or the controller is away: the library itself says enough.
        .catch(() => live && setAnswer(null));
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  if (answer?.mode !== 'cluster' || !answer.library) return null;
  const { problems, syncing } = answer.library;
  if (problems.length === 0) {
    return (
      <p className="dim small cluster-library" data-cluster-library="same">
        {syncing ? t('libraryCluster.syncing') : t('libraryCluster.same', answer.hallId)}
      </p>
    );
  }
  return (
    <div className="banner info cluster-library" role="status" data-cluster-library="problems">
      <div className="strong">{t('libraryCluster.problems', problems.length)}</div>
      <ul>
        {problems.map((p) => (
          <li key={`${p.packId}@${p.version}`}>
            <span className="strong">
              {p.packId} v{p.version}
            </span>
            {' — '}
            {t(KIND_TEXT[p.kind])}
            {p.node ? ` (${p.node})` : ''}: <span className="dim">{p.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
