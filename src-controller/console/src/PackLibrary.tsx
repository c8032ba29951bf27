import { useState } from 'react';
import type { PackSummary } from '../../../src-shared/protocol';
import type { UploadState } from './console-store';
import { ClusterLibraryStatus } from './ClusterLibraryStatus';
import { PackUploader } from './PackUploader';
import { useI18n } from './i18n';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

function PackRow(props: {
  pack: PackSummary;
  onPublish: (key: string, id: number) => void;
  onRollback: (key: string) => void;
  onDelete: (id: number) => void;
}) {
  const { pack, onPublish, onRollback, onDelete } = props;
  const { t } = useI18n();
  const [key, setKey] = useState(pack.usedBy[0] ?? '4');
  const removable = pack.usedBy.length === 0 && !pack.onAir;
  return (
    <tr data-pack={`${pack.packId}@${pack.version}`}>
      <td>
        <div className="pack-title">{pack.title.zh}</div>
        <div className="dim small">
          {pack.title.en} · {pack.packId} <span className="version">v{pack.version}</span>
        </div>
      </td>
      <td className="dim small">
        {t('library.slides', pack.slideCount)} · {size(pack.bytes)}
        {pack.roles.length > 1 ? ` · ${t('library.roles', pack.roles.join(', '))}` : ''}
      </td>
      <td>
        {pack.usedBy.map((k) => (
          <span key={k} className="used-by">
            <span className="mini-key">{k}</span>
            <button
              type="button"
              className="link"
              title={t('library.rollbackTitle', k)}
              onClick={() => onRollback(k)}
            >
              {t('library.rollback')}
            </button>
          </span>
        ))}
        {pack.onAir && <span className="on-air-tag">{t('library.onAir')}</span>}
      </td>
      <td className="actions">
        <select
          aria-label={t('library.themeKey')}
          value={key}
          onChange={(e) => setKey(e.target.value)}
        >
          {KEYS.map((k) => (
            <option key={k} value={k}>
              {t('library.keyOption', k)}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => onPublish(key, pack.packVersionId)}>
          {t('library.publish')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={!removable}
          title={removable ? t('library.deleteTitle') : t('library.inUse')}
          onClick={() => onDelete(pack.packVersionId)}
        >
          {t('library.delete')}
        </button>
      </td>
    </tr>
  );
}

/** The pack library: upload new packs, publish versions to keys, roll back, delete. */
export function PackLibrary(props: {
  packs: PackSummary[];
  upload: UploadState | null;
  error: string | null;
  onFile: (file: File) => void;
  onPublish: (key: string, id: number) => void;
  onRollback: (key: string) => void;
  onDelete: (id: number) => void;
}) {
  const { t } = useI18n();
  return (
    <section className="panel library">
      <h2>
        {t('library.title')} <span className="count">{t('library.count', props.packs.length)}</span>
      </h2>
      <PackUploader upload={props.upload} onFile={props.onFile} />
      <ClusterLibraryStatus />
      {props.error && (
        <div className="banner error" role="alert">
          {props.error}
        </div>
      )}
      <table className="packs">
        <tbody>
          {props.packs.map((pack) => (
            <PackRow key={pack.packVersionId} pack={pack} {...props} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
